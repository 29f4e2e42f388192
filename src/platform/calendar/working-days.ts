// Counting days the way French law and practice do.
//
// - A "jour ouvré" (here: working day) is a day the office works: Monday to Friday, public holidays excepted.
//   Payment, processing and acknowledgement delays counted "en jours ouvrés" use these.
// - A "jour ouvrable" is any day but Sunday and public holidays: Monday to Saturday. The Code du travail and
//   procedural deadlines often count "en jours ouvrables". The French word is kept in the names because no English
//   word says "Monday to Saturday".
//
// `n days after` never counts the starting day: `addWorkingDays(d, 1)` is the first working day after `d`.
import { addDays, compareDates, isoWeekday, type CalendarDate } from './calendar-date.ts';
import { isPublicHoliday, type CalendarOptions } from './holidays.ts';

/** The last ISO weekday of a working week: 5 (Friday) for jours ouvrés, 6 (Saturday) for jours ouvrables. */
type LastWeekday = 5 | 6;

const isCounted = (date: CalendarDate, last: LastWeekday, options: CalendarOptions): boolean =>
  isoWeekday(date) <= last && !isPublicHoliday(date, options);

function add(date: CalendarDate, n: number, last: LastWeekday, options: CalendarOptions): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`a whole number of days is expected, not ${n}`);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(n); left > 0;) {
    current = addDays(current, step);
    if (isCounted(current, last, options)) left--;
  }
  return current;
}

/**
 * The counted days passed going from `a` to `b`: those with `a < d ≤ b`, or minus those with `b ≤ d < a` going back,
 * so that `between(a, add(a, n)) === n` both ways.
 */
function between(a: CalendarDate, b: CalendarDate, last: LastWeekday, options: CalendarOptions): number {
  const order = compareDates(a, b);
  if (order === 0) return 0;
  let count = 0;
  if (order < 0) {
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isCounted(d, last, options)) count++;
    return count;
  }
  for (let d = b; d < a; d = addDays(d, 1)) if (isCounted(d, last, options)) count++;
  return -count;
}

function next(date: CalendarDate, last: LastWeekday, options: CalendarOptions): CalendarDate {
  return add(date, 1, last, options);
}

function onOrAfter(date: CalendarDate, last: LastWeekday, options: CalendarOptions): CalendarDate {
  return isCounted(date, last, options) ? date : next(date, last, options);
}

// Jours ouvrés: Monday to Friday, holidays excepted.

export const isWorkingDay = (date: CalendarDate, options: CalendarOptions = {}): boolean => isCounted(date, 5, options);
/** The `n`-th working day after `date` (before it when `n` is negative); `date` itself when `n` is 0. */
export const addWorkingDays = (date: CalendarDate, n: number, options: CalendarOptions = {}): CalendarDate =>
  add(date, n, 5, options);
/** Working days after `a` up to and including `b` (negative going back): `workingDaysBetween(a, addWorkingDays(a, n)) === n`. */
export const workingDaysBetween = (a: CalendarDate, b: CalendarDate, options: CalendarOptions = {}): number =>
  between(a, b, 5, options);
/** The first working day after `date`. */
export const nextWorkingDay = (date: CalendarDate, options: CalendarOptions = {}): CalendarDate =>
  next(date, 5, options);
/** `date` when it is a working day, otherwise the next one (a deadline falling on a day off moves to the next). */
export const workingDayOnOrAfter = (date: CalendarDate, options: CalendarOptions = {}): CalendarDate =>
  onOrAfter(date, 5, options);

// Jours ouvrables: Monday to Saturday, holidays excepted.

export const isOuvrableDay = (date: CalendarDate, options: CalendarOptions = {}): boolean =>
  isCounted(date, 6, options);
export const addOuvrableDays = (date: CalendarDate, n: number, options: CalendarOptions = {}): CalendarDate =>
  add(date, n, 6, options);
export const ouvrableDaysBetween = (a: CalendarDate, b: CalendarDate, options: CalendarOptions = {}): number =>
  between(a, b, 6, options);
export const nextOuvrableDay = (date: CalendarDate, options: CalendarOptions = {}): CalendarDate =>
  next(date, 6, options);
export const ouvrableDayOnOrAfter = (date: CalendarDate, options: CalendarOptions = {}): CalendarDate =>
  onOrAfter(date, 6, options);
