// The public holidays (jours fériés) of France: the 11 of metropolitan France (Code du travail, art. L3133-1),
// plus Good Friday and 26 December in Alsace-Moselle (art. L3134-13, local law of the three départements 57, 67, 68).
import { addDays, formatCalendarDate, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import { easterSunday } from './easter.ts';

export const HOLIDAY_KEYS = [
  'newYearsDay',
  'goodFriday',
  'easterMonday',
  'labourDay',
  'victoryInEuropeDay',
  'ascensionDay',
  'whitMonday',
  'bastilleDay',
  'assumptionDay',
  'allSaintsDay',
  'armisticeDay',
  'christmasDay',
  'stStephensDay',
] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** The names French calendars print. */
export const HOLIDAY_LABELS: Record<HolidayKey, string> = {
  newYearsDay: 'Jour de l’an',
  goodFriday: 'Vendredi saint',
  easterMonday: 'Lundi de Pâques',
  labourDay: 'Fête du Travail',
  victoryInEuropeDay: 'Victoire 1945',
  ascensionDay: 'Ascension',
  whitMonday: 'Lundi de Pentecôte',
  bastilleDay: 'Fête nationale',
  assumptionDay: 'Assomption',
  allSaintsDay: 'Toussaint',
  armisticeDay: 'Armistice 1918',
  christmasDay: 'Noël',
  stStephensDay: 'Saint-Étienne',
};

/**
 * Which list of holidays applies: `metropole` (the 11 national ones) or `alsace-moselle` (those, plus Good Friday
 * and 26 December). Overseas départements add their own days (abolition of slavery) and are not covered yet.
 */
export type HolidayZone = 'metropole' | 'alsace-moselle';

export interface CalendarOptions {
  /** Default `metropole`. */
  zone?: HolidayZone;
}

export interface Holiday {
  date: CalendarDate;
  key: HolidayKey;
  label: string;
}

const byYear = new Map<string, readonly Holiday[]>();

/** The holidays of `year` in date order. The Whit Monday stays a holiday even where it is the "journée de solidarité". */
export function publicHolidays(year: number, options: CalendarOptions = {}): readonly Holiday[] {
  const zone = options.zone ?? 'metropole';
  const cacheKey = `${year}/${zone}`;
  const cached = byYear.get(cacheKey);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => formatCalendarDate({ year, month, day });
  const dates: [HolidayKey, CalendarDate][] = [
    ['newYearsDay', fixed(1, 1)],
    ['easterMonday', addDays(easter, 1)],
    ['labourDay', fixed(5, 1)],
    ['victoryInEuropeDay', fixed(5, 8)],
    ['ascensionDay', addDays(easter, 39)],
    ['whitMonday', addDays(easter, 50)],
    ['bastilleDay', fixed(7, 14)],
    ['assumptionDay', fixed(8, 15)],
    ['allSaintsDay', fixed(11, 1)],
    ['armisticeDay', fixed(11, 11)],
    ['christmasDay', fixed(12, 25)],
  ];
  if (zone === 'alsace-moselle') dates.push(['goodFriday', addDays(easter, -2)], ['stStephensDay', fixed(12, 26)]);
  // Ascension can fall on 1 or 8 May (e.g. 2008 on 1 May): one day, the first name listed wins.
  const holidays: Holiday[] = [];
  for (const [key, date] of dates.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!holidays.some((h) => h.date === date)) holidays.push({ date, key, label: HOLIDAY_LABELS[key] });
  }
  byYear.set(cacheKey, holidays);
  return holidays;
}

/** The holiday falling on `date`, if any. */
export function holidayOn(date: CalendarDate, options: CalendarOptions = {}): Holiday | undefined {
  return publicHolidays(parseCalendarDate(date).year, options).find((h) => h.date === date);
}

export function isPublicHoliday(date: CalendarDate, options: CalendarOptions = {}): boolean {
  return holidayOn(date, options) !== undefined;
}
