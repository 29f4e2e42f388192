// Legal time in France is Europe/Paris: UTC+1, and UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday
// of October 01:00 UTC (EU summer time, Directive 2000/84/EC; the same dates have applied in France since 1996).
// Computed with integer arithmetic rather than Intl so that workflow code can use it and the answer never depends
// on the ICU data of the machine. Instants before 1996 would be off by an hour in October and are not supported.
import { dayNumberOf, daysInMonth, fromDayNumber, toDayNumber, type CalendarDate } from './calendar-date.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The last Sunday of a month, as a day number. */
function lastSunday(year: number, month: number): number {
  const last = dayNumberOf({ year, month, day: daysInMonth(year, month) });
  const isoWeekday = ((((last + 3) % 7) + 7) % 7) + 1;
  return last - (isoWeekday % 7);
}

/** Minutes Paris is ahead of UTC at `epochMs`: 60 in winter, 120 in summer. */
export function parisOffsetMinutes(epochMs: number): number {
  const year = Number(fromDayNumber(Math.floor(epochMs / DAY_MS)).slice(0, 4));
  const start = lastSunday(year, 3) * DAY_MS + HOUR_MS;
  const end = lastSunday(year, 10) * DAY_MS + HOUR_MS;
  return epochMs >= start && epochMs < end ? 120 : 60;
}

export interface ParisDay {
  /** YYYY-MM-DD in Europe/Paris. */
  date: CalendarDate;
  /** Milliseconds elapsed since midnight, Paris wall-clock time. */
  msSinceMidnight: number;
}

/** The Paris calendar day of an instant, and how far into that day it is. */
export function parisDay(at: Date): ParisDay {
  const wall = at.getTime() + parisOffsetMinutes(at.getTime()) * 60_000;
  const dayNumber = Math.floor(wall / DAY_MS);
  return { date: fromDayNumber(dayNumber), msSinceMidnight: wall - dayNumber * DAY_MS };
}

/**
 * The instant (UTC) at which the Paris calendar day `date` begins. Midnight never falls in a change of time
 * (those happen at 02:00 and 03:00), so the answer is unique.
 */
export function parisMidnight(date: CalendarDate): Date {
  const wallMidnight = toDayNumber(date) * DAY_MS;
  for (const offset of [120, 60]) {
    const candidate = wallMidnight - offset * 60_000;
    if (parisOffsetMinutes(candidate) === offset) return new Date(candidate);
  }
  throw new Error(`no Paris midnight on ${date}`); // unreachable: one of the two offsets holds
}

/** The Paris calendar day an instant falls on, as `YYYY-MM-DD`. */
export const parisDate = (at: Date): CalendarDate => parisDay(at).date;
