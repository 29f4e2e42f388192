// The date and time a person types in a `datetime-local` field are Paris legal time: turned into an instant here.
import { parisOffsetMinutes } from '../../platform/calendar/index.ts';

/** `2027-01-15T17:00` (Paris) → the instant, or undefined if the text is no such date and time. */
export function parisLocalInstant(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== text) return undefined;
  // Summer time first: the offset that holds at the candidate instant is the right one.
  for (const offset of [120, 60]) {
    const candidate = wall - offset * 60_000;
    if (parisOffsetMinutes(candidate) === offset) return new Date(candidate);
  }
  return new Date(wall - 60 * 60_000); // the skipped hour of the spring change: read as winter time
}

/** An instant → `2027-01-15T17:00` in Paris, the value of a `datetime-local` field. */
export function parisLocalText(at: Date): string {
  return new Date(at.getTime() + parisOffsetMinutes(at.getTime()) * 60_000).toISOString().slice(0, 16);
}
