// Deadlines, the answer cutoff, the extension rule and the standstill. A consultation carries its `dayMs`: a legal
// day (86 400 000 ms, Paris calendar) for real ones, a few milliseconds for test consultations (OE-06) so that a
// whole procedure runs in seconds.
import { addDays, parisDay, parisMidnight } from '../../platform/calendar/index.ts';

export const LEGAL_DAY_MS = 86_400_000;

/** Answers and significant changes later than this many days before the deadline extend it (or are refused). */
export const ANSWER_CUTOFF_DAYS = 6;
/** Standstill between the letters to the unsuccessful and the signature (CCP R. 2182-1, electronic sending). */
export const STANDSTILL_DAYS = 11;

/** A deposit counts when its upload ENDS at or before the deadline; « 17h00 » means 17:00:00 (TA Dijon 1803328). */
export const isLate = (uploadEndedAt: Date, deadline: Date): boolean => uploadEndedAt.getTime() > deadline.getTime();

export type ChangeKind = 'answer' | 'significant_change' | 'minor_change';

export interface ExtensionVerdict {
  required: boolean;
  /** The earliest acceptable new deadline when an extension is required. */
  earliestDeadline?: Date;
}

/**
 * An answer or a significant change of the documents made less than six days before the deadline requires the
 * deadline to move so that companies keep six days after it; a minor change never does.
 */
export function extensionRule(kind: ChangeKind, at: Date, deadline: Date, dayMs: number): ExtensionVerdict {
  if (kind === 'minor_change') return { required: false };
  const cutoff = ANSWER_CUTOFF_DAYS * dayMs;
  if (deadline.getTime() - at.getTime() >= cutoff) return { required: false };
  return { required: true, earliestDeadline: new Date(at.getTime() + cutoff) };
}

/**
 * The first instant the contract may be signed: for a real consultation the Paris midnight beginning the eleventh
 * day after the letters were sent; for a test one, eleven of its short days later.
 */
export function standstillEnd(lettersSentAt: Date, dayMs: number): Date {
  if (dayMs !== LEGAL_DAY_MS) return new Date(lettersSentAt.getTime() + STANDSTILL_DAYS * dayMs);
  return parisMidnight(addDays(parisDay(lettersSentAt).date, STANDSTILL_DAYS));
}
