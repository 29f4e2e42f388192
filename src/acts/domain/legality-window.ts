// The préfet's two months to refer an act to the administrative court (CGCT L2131-6), counted from the act's
// reception (the DateReception of ARActe 1-2); a request for additional documents (3-1) made within them restarts
// the two months from the collectivity's answer (3-4 pieces sent, or 3-3 refusal) — CE 29 Oct 2008 n° 273569.
import {
  addDays,
  compareDates,
  parisMidnight,
  toDayNumber,
  workingDayOnOrAfter,
  type CalendarDate,
} from '../../platform/calendar/index.ts';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Same day number `months` later; the last day of the month when it has no such day (31 Dec + 2 → 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysIn(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const LEGALITY_WINDOW_MONTHS = 2;

/**
 * The last day the préfet may act: two months after `start`, carried to the next working day when it falls on a
 * weekend or public holiday (the rule of article 642 of the code de procédure civile, applied to court delays).
 */
export function legalityWindowEnd(start: CalendarDate): CalendarDate {
  return workingDayOnOrAfter(addMonths(start, LEGALITY_WINDOW_MONTHS));
}

/** Days left on `today` (0 on the last day, negative once closed). */
export function daysLeft(end: CalendarDate, today: CalendarDate): number {
  return toDayNumber(end) - toDayNumber(today);
}

export const windowClosed = (end: CalendarDate, today: CalendarDate): boolean => compareDates(today, end) > 0;

/** The instant the window closes: the Paris midnight after its last day (epoch ms). */
export const windowClosesAtMs = (end: CalendarDate): number => parisMidnight(addDays(end, 1)).getTime();
