// The legal payment clock (décret 2013-269), in legal days. Pure and deterministic: the workflow runs it,
// the hub's payment-delay module re-exports it.
//
// Day 0 is the calendar day the invoice was made available to its recipient (art. 2: the delay runs from receipt).
// A legal day lasts `dayMs` (a real day in production, a fraction of a second in tests) and starts at the
// Paris midnight of day 0 scaled the same way. In production (`dayMs` of a real day) day N is the N-th calendar day
// after receipt and starts at its own Paris midnight, so a delay that crosses a change of summer time still ends at
// the last millisecond of its due day in Paris.

import {
  parisDate as parisDateOf,
  parisMidnight as parisMidnightOf,
  type CalendarDate,
} from '../../../platform/calendar/index.ts';

/** Art. 4: after a suspension, a new delay of thirty days, or the remaining balance if it is greater. */
export const NEW_DELAY_AFTER_SUSPENSION_DAYS = 30;

const MS_PER_DAY = 86_400_000;

export interface ClockAnchor {
  /** Calendar date (YYYY-MM-DD, Europe/Paris) of day 0. */
  dayZero: string;
  /** Instant (epoch ms) at which legal day 0 starts. */
  dayZeroStartMs: number;
  dayMs: number;
}

/** Anchor of the clock for an invoice made available at `madeAvailableAtMs`, `msSinceParisMidnight` into its Paris day. */
export function anchorClock(
  madeAvailableAtMs: number,
  msSinceParisMidnight: number,
  dayZero: string,
  dayMs: number,
): ClockAnchor {
  const offset = Math.floor((msSinceParisMidnight * dayMs) / MS_PER_DAY);
  return { dayZero, dayZeroStartMs: madeAvailableAtMs - offset, dayMs };
}

/** Legal day index of an instant (0 on the day of receipt). */
export function legalDayAt(anchor: ClockAnchor, atMs: number): number {
  if (anchor.dayMs === MS_PER_DAY) return daysBetween(anchor.dayZero, parisDate(atMs));
  return Math.floor((atMs - anchor.dayZeroStartMs) / anchor.dayMs);
}

/** Instant at which legal day `day` starts. */
export function startOfLegalDay(anchor: ClockAnchor, day: number): number {
  if (anchor.dayMs === MS_PER_DAY) return parisMidnight(legalDate(anchor, day));
  return anchor.dayZeroStartMs + day * anchor.dayMs;
}

/**
 * Calendar date in Paris of an instant. The platform calendar computes it with integer arithmetic: no Intl object
 * built in workflow code, where every new run re-evaluates this module (an Intl.DateTimeFormat costs about a
 * millisecond to build), and the same answer as the ICU data for every instant since 1996.
 */
export function parisDate(atMs: number): string {
  return parisDateOf(new Date(atMs));
}

/** Instant of 00:00 in Paris on `date` (summer time never changes at midnight there). */
export function parisMidnight(date: string): number {
  return parisMidnightOf(date as CalendarDate).getTime();
}

/** Instant at which a delay ending on legal day `dueDay` expires: the end of that day (last millisecond). */
export function expiryInstant(anchor: ClockAnchor, dueDay: number): number {
  return startOfLegalDay(anchor, dueDay + 1) - 1;
}

/** Calendar date of legal day `day`. */
export function legalDate(anchor: ClockAnchor, day: number): string {
  return addDays(anchor.dayZero, day);
}

/** Days still to run when the delay is suspended on `suspensionDay` (never negative). */
export function remainingDays(dueDay: number, suspensionDay: number): number {
  return Math.max(0, dueDay - suspensionDay);
}

/** Due day after the supplier sent everything on `completionDay` (art. 4). */
export function dueDayAfterCompletion(
  completionDay: number,
  remaining: number,
  newDelayDays = NEW_DELAY_AFTER_SUSPENSION_DAYS,
): number {
  return completionDay + Math.max(newDelayDays, remaining);
}

/** Reminder instants still ahead of `nowMs`, earliest first, for reminders `daysBefore` the due day. */
export function reminderDays(dueDay: number, daysBefore: readonly number[], currentDay: number): number[] {
  return [...new Set(daysBefore)]
    .filter((d) => d > 0 && dueDay - d > currentDay)
    .map((d) => dueDay - d)
    .sort((a, b) => a - b);
}

function parseDate(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
}

export function addDays(iso: string, days: number): string {
  return new Date(parseDate(iso) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to) - parseDate(from)) / MS_PER_DAY);
}
