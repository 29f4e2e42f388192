// The French calendar against dates published by the French administration (service-public.fr) and against Intl.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addOuvrableDays,
  addWorkingDays,
  easterSunday,
  fromDayNumber,
  holidayOn,
  isCalendarDate,
  isOuvrableDay,
  isoWeekday,
  isWorkingDay,
  nextOuvrableDay,
  nextWorkingDay,
  ouvrableDaysBetween,
  parisDay,
  parisMidnight,
  publicHolidays,
  toDayNumber,
  workingDayOnOrAfter,
  workingDaysBetween,
} from './index.ts';

describe('calendar dates', () => {
  it('round-trips day numbers and knows weekdays and leap years', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(isoWeekday('2026-12-02')).toBe(3);
    expect(isoWeekday('2026-05-03')).toBe(7);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(toDayNumber(date)).toBe(n);
        expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(isoWeekday(date)).toBe(((new Date(n * 86_400_000).getUTCDay() + 6) % 7) + 1);
      }),
    );
  });
});

describe('Easter and the public holidays', () => {
  it('finds Easter Sunday', () => {
    const known: [number, string][] = [
      [1818, '1818-03-22'],
      [1943, '1943-04-25'],
      [2000, '2000-04-23'],
      [2008, '2008-03-23'],
      [2011, '2011-04-24'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2030, '2030-04-21'],
      [2038, '2038-04-25'],
      [2285, '2285-03-22'],
    ];
    for (const [year, date] of known) expect([year, easterSunday(year)]).toEqual([year, date]);
    for (let year = 1583; year <= 4099; year++) {
      const easter = easterSunday(year);
      expect(isoWeekday(easter)).toBe(7);
      expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
    }
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });

  it('lists the 11 holidays of metropolitan France, with their French names', () => {
    expect(publicHolidays(2026).map((h) => [h.date, h.label])).toEqual([
      ['2026-01-01', 'Jour de l’an'],
      ['2026-04-06', 'Lundi de Pâques'],
      ['2026-05-01', 'Fête du Travail'],
      ['2026-05-08', 'Victoire 1945'],
      ['2026-05-14', 'Ascension'],
      ['2026-05-25', 'Lundi de Pentecôte'],
      ['2026-07-14', 'Fête nationale'],
      ['2026-08-15', 'Assomption'],
      ['2026-11-01', 'Toussaint'],
      ['2026-11-11', 'Armistice 1918'],
      ['2026-12-25', 'Noël'],
    ]);
  });

  it('moves Easter Monday, Ascension and Whit Monday with Easter, year after year', () => {
    const movable = (year: number) =>
      publicHolidays(year)
        .filter((h) => ['easterMonday', 'ascensionDay', 'whitMonday'].includes(h.key))
        .map((h) => h.date);
    expect(movable(2024)).toEqual(['2024-04-01', '2024-05-09', '2024-05-20']);
    expect(movable(2025)).toEqual(['2025-04-21', '2025-05-29', '2025-06-09']);
    expect(movable(2026)).toEqual(['2026-04-06', '2026-05-14', '2026-05-25']);
    expect(movable(2027)).toEqual(['2027-03-29', '2027-05-06', '2027-05-17']);
    expect(movable(2028)).toEqual(['2028-04-17', '2028-05-25', '2028-06-05']);
    expect(movable(2038)).toEqual(['2038-04-26', '2038-06-03', '2038-06-14']);
    for (let year = 1990; year <= 2100; year++) {
      for (const h of publicHolidays(year)) expect(h.date.startsWith(`${year}-`)).toBe(true);
      expect(isoWeekday(holidayOn(addDays(easterSunday(year), 39))?.date ?? '')).toBe(4);
    }
  });

  it('counts Ascension once when it falls on 1 May (2008)', () => {
    const may2008 = publicHolidays(2008).filter((h) => h.date.startsWith('2008-05'));
    expect(may2008.map((h) => [h.date, h.key])).toEqual([
      ['2008-05-01', 'labourDay'],
      ['2008-05-08', 'victoryInEuropeDay'],
      ['2008-05-12', 'whitMonday'],
    ]);
    expect(publicHolidays(2008)).toHaveLength(10);
  });

  it('adds Good Friday and Saint-Étienne in Alsace-Moselle', () => {
    const alsace = { zone: 'alsace-moselle' } as const;
    expect(publicHolidays(2026, alsace)).toHaveLength(13);
    expect(holidayOn('2026-04-03', alsace)?.label).toBe('Vendredi saint');
    expect(holidayOn('2025-12-26', alsace)?.label).toBe('Saint-Étienne');
    expect(holidayOn('2026-04-03')).toBeUndefined();
    expect(isWorkingDay('2025-12-26')).toBe(true);
    expect(isWorkingDay('2025-12-26', alsace)).toBe(false);
    expect(addWorkingDays('2026-04-02', 1, alsace)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-03');
  });
});

describe('working days (jours ouvrés) and jours ouvrables', () => {
  it('tells working days from weekends and holidays', () => {
    expect(isWorkingDay('2026-12-02')).toBe(true);
    expect(isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isOuvrableDay('2026-12-05')).toBe(true);
    expect(isOuvrableDay('2026-12-06')).toBe(false); // Sunday
    expect(isWorkingDay('2026-07-14')).toBe(false);
    expect(isOuvrableDay('2026-08-15')).toBe(false); // Assumption on a Saturday
  });

  it('adds working days across the May bridges of 2026', () => {
    expect(addWorkingDays('2026-04-30', 1)).toBe('2026-05-04'); // 1 May Friday, weekend
    expect(addWorkingDays('2026-04-30', 5)).toBe('2026-05-11'); // 8 May Friday too
    expect(addWorkingDays('2026-05-07', 3)).toBe('2026-05-13');
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15'); // Ascension Thursday
    expect(addWorkingDays('2026-05-13', 2)).toBe('2026-05-18');
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26'); // Whit Monday
    expect(addWorkingDays('2026-05-26', -1)).toBe('2026-05-22');
    expect(addWorkingDays('2026-05-01', 0)).toBe('2026-05-01');
    expect(addOuvrableDays('2026-04-30', 1)).toBe('2026-05-02'); // Saturday counts
    expect(addOuvrableDays('2026-05-13', 2)).toBe('2026-05-16');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(nextOuvrableDay('2026-12-24')).toBe('2026-12-26');
    expect(workingDayOnOrAfter('2026-12-02')).toBe('2026-12-02');
    expect(workingDayOnOrAfter('2026-11-01')).toBe('2026-11-02');
    expect(() => addWorkingDays('2026-05-01', 1.5)).toThrow(RangeError);
  });

  it('counts the working days of May 2026 and of whole years', () => {
    expect(workingDaysBetween('2026-04-30', '2026-05-31')).toBe(17);
    expect(ouvrableDaysBetween('2026-04-30', '2026-05-31')).toBe(22);
    expect(workingDaysBetween('2026-05-31', '2026-05-01')).toBe(-17); // going back counts 1 May, not 31 May
    expect(workingDaysBetween('2026-05-31', '2026-04-30')).toBe(-18);
    expect(workingDaysBetween('2026-05-04', '2026-05-04')).toBe(0);
    // Working days per year in metropolitan France (weekdays minus holidays on weekdays).
    const perYear: [number, number][] = [
      [2024, 252], // 262 weekdays, 14 July on a Sunday
      [2025, 251], // 261 weekdays, 1 November on a Saturday
      [2026, 252], // 261 weekdays, 15 August and 1 November on a weekend
      [2027, 254], // 261 weekdays, 1 May, 8 May, 15 August and 25 December on a weekend
    ];
    for (const [year, days] of perYear)
      expect([year, workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)]).toEqual([year, days]);
  });

  it('keeps addWorkingDays and workingDaysBetween consistent', () => {
    const date = fc.integer({ min: toDayNumber('1996-01-01'), max: toDayNumber('2100-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 400 }), fc.boolean(), (start, n, alsace) => {
        const options = alsace ? ({ zone: 'alsace-moselle' } as const) : {};
        const end = addWorkingDays(start, n, options);
        expect(workingDaysBetween(start, end, options)).toBe(n);
        if (n !== 0) expect(isWorkingDay(end, options)).toBe(true);
        expect(ouvrableDaysBetween(start, addOuvrableDays(start, n, options), options)).toBe(n);
      }),
    );
  });
});

describe('Paris legal time', () => {
  const intl = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const byIntl = (at: Date) => {
    const p = Object.fromEntries(intl.formatToParts(at).map((x) => [x.type, x.value]));
    const ms = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + at.getUTCMilliseconds();
    return { date: `${p.year}-${p.month}-${p.day}`, msSinceMidnight: ms };
  };

  it('finds the UTC instant of Paris midnight, on the days the clocks change too', () => {
    expect(parisMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parisMidnight('2026-07-14').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(parisMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(parisMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parisMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(parisDay(new Date('2026-03-29T00:59:59.999Z'))).toEqual({ date: '2026-03-29', msSinceMidnight: 7_199_999 });
    expect(parisDay(new Date('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', msSinceMidnight: 3 * 3_600_000 });
  });

  it('agrees with the time-zone database from 1996 to 2100', () => {
    const instant = fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, (at) => {
        expect(parisDay(at)).toEqual(byIntl(at));
        const midnight = parisMidnight(parisDay(at).date);
        expect(byIntl(midnight)).toEqual({ date: parisDay(at).date, msSinceMidnight: 0 });
      }),
      { numRuns: 5000 },
    );
    for (let year = 1996; year <= 2100; year++) {
      for (const [month, day] of [
        [3, 31],
        [10, 31],
      ] as const) {
        for (let d = day - 7; d <= day; d++) {
          for (const hour of [0, 1, 2]) {
            const at = new Date(Date.UTC(year, month - 1, d, hour) - 1);
            expect(parisDay(at)).toEqual(byIntl(at));
            expect(parisDay(new Date(at.getTime() + 1))).toEqual(byIntl(new Date(at.getTime() + 1)));
          }
        }
      }
    }
  });
});
