// What a module declares for each recurring job. Plain data: a module's `schedules.ts` lists them, the platform
// makes Temporal hold exactly that (reconcile.ts).
import type { CalendarSpec, ScheduleOverlapPolicy } from '@temporalio/client';

export const HUB_TIME_ZONE = 'Europe/Paris';

export interface ScheduleDefinition {
  /** Stable id, `hub-<module>-<job>`: the key by which the schedule is found again at each start. */
  scheduleId: string;
  workflowType: string;
  /** Fixed-rate jobs: a Temporal duration (`5 minutes`). Exactly one of `every` and `calendars`. */
  every?: string;
  /** Wall-clock jobs: Temporal calendar specs, read in `timeZone` (`{ month: 'JANUARY', dayOfMonth: 1, hour: 6 }`). */
  calendars?: CalendarSpec[];
  /** IANA time zone of the calendar specs; the hub's legal time by default. */
  timeZone?: string;
  /** Skip Saturdays, Sundays and the public holidays of metropolitan France (calendar jobs only). */
  workingDaysOnly?: boolean;
  /** Arguments of each run (JSON). */
  args?: unknown[];
  /**
   * How late a run missed while Temporal was down may still start (`1 hour`, `7 days`): a yearly billing run
   * missed on 1 January must still happen on the 2nd, a relay every minute needs no catch-up.
   */
  catchupWindow: string;
  /** What a run due while the previous one still runs does: skip it, queue one, or run both. */
  overlap: ScheduleOverlapPolicy;
  /** French description shown to the operator. */
  note: string;
}

const ID = /^hub-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Programming errors in a declaration fail the start, not the first run months later. */
export function checkDefinitions(definitions: readonly ScheduleDefinition[]): void {
  const seen = new Set<string>();
  for (const d of definitions) {
    if (!ID.test(d.scheduleId)) throw new Error(`schedule id must read hub-<module>-<job>: ${d.scheduleId}`);
    if (seen.has(d.scheduleId)) throw new Error(`schedule declared twice: ${d.scheduleId}`);
    seen.add(d.scheduleId);
    if ((d.every === undefined) === (d.calendars === undefined || d.calendars.length === 0))
      throw new Error(`schedule ${d.scheduleId}: give either every or calendars`);
    if (d.workingDaysOnly && !d.calendars) throw new Error(`schedule ${d.scheduleId}: workingDaysOnly needs calendars`);
  }
}
