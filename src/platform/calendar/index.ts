// French calendar for every module: dates as `YYYY-MM-DD`, public holidays, working days, Paris legal time.
// Pure (no clock, no I/O, no Intl): importable from workflow code.
export {
  addDays,
  compareDates,
  fromDayNumber,
  isCalendarDate,
  isoWeekday,
  parseCalendarDate,
  toDayNumber,
  type CalendarDate,
} from './calendar-date.ts';
export { easterSunday } from './easter.ts';
export {
  HOLIDAY_KEYS,
  HOLIDAY_LABELS,
  holidayOn,
  isPublicHoliday,
  publicHolidays,
  type CalendarOptions,
  type Holiday,
  type HolidayKey,
  type HolidayZone,
} from './holidays.ts';
export {
  addOuvrableDays,
  addWorkingDays,
  isOuvrableDay,
  isWorkingDay,
  nextOuvrableDay,
  nextWorkingDay,
  ouvrableDayOnOrAfter,
  ouvrableDaysBetween,
  workingDayOnOrAfter,
  workingDaysBetween,
} from './working-days.ts';
export { parisDate, parisDay, parisMidnight, parisOffsetMinutes, type ParisDay } from './paris-time.ts';
