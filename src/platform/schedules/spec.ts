// A declaration as Temporal's schedule spec. Working-day jobs are calendar specs restricted to Monday–Friday, with
// each French public holiday listed in `skip`: Temporal itself does not start them, no run has to check and exit.
import type { CalendarSpec, ScheduleSpec } from '@temporalio/client';
import { publicHolidays } from '../calendar/index.ts';
import { HUB_TIME_ZONE, type ScheduleDefinition } from './definition.ts';

/** Holidays are listed this many years ahead; each start of the hub in a new year moves the window on. */
export const HOLIDAY_YEARS_AHEAD = 10;

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** The whole day `date` (YYYY-MM-DD), as a skip spec: every field must match, seconds included. */
function wholeDay(date: string, comment: string): CalendarSpec {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return {
    year,
    month: MONTHS[month - 1],
    dayOfMonth: day,
    hour: '*',
    minute: '*',
    second: '*',
    comment,
  };
}

export function holidaySkips(fromYear: number, years = HOLIDAY_YEARS_AHEAD): CalendarSpec[] {
  const skips: CalendarSpec[] = [];
  for (let year = fromYear; year < fromYear + years; year += 1)
    for (const holiday of publicHolidays(year)) skips.push(wholeDay(holiday.date, holiday.label));
  return skips;
}

export function scheduleSpecOf(definition: ScheduleDefinition, currentYear: number): ScheduleSpec {
  if (definition.every !== undefined) return { intervals: [{ every: definition.every }] };
  const calendars = (definition.calendars ?? []).map((c) =>
    definition.workingDaysOnly ? { ...c, dayOfWeek: { start: 'MONDAY' as const, end: 'FRIDAY' as const } } : c,
  );
  return {
    calendars,
    timezone: definition.timeZone ?? HUB_TIME_ZONE,
    ...(definition.workingDaysOnly ? { skip: holidaySkips(currentYear) } : {}),
  };
}
