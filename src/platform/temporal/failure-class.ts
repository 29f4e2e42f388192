// Activities tell bad data from a passing fault. A database outage is worth retrying; a value the database refuses
// (a NUL in a text, a number out of range) fails the same way on every attempt, so it ends the activity at once
// with a non-retryable failure that the workflow and the person behind it can act on.
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../errors.ts';

/** SQLSTATE class 22 (data exception) and the integrity refusals no retry can change (not null, check, foreign key). */
const BAD_DATA = /^(22[0-9A-Z]{3}|23502|23503|23514)$/;

export interface BadData {
  code: string;
  message: string;
}

/** The bad-data reason of a failure, looking through its causes; undefined for any other failure. */
export function badDataOf(error: unknown): BadData | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AppError && e.status >= 400 && e.status < 500) return { code: e.code, message: e.message };
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && BAD_DATA.test(code))
      return {
        code: 'INVALID_DATA',
        message: `La base de données refuse une valeur de cette demande (code ${code}) : rien n’a été enregistré. Corrigez la donnée et renvoyez la demande.`,
      };
  }
  return undefined;
}

/**
 * Runs an activity's work; bad data becomes a non-retryable ApplicationFailure (after `onBadData`, which records it
 * for the operator), anything else is rethrown for Temporal to retry.
 */
export async function failFastOnBadData<T>(
  run: () => Promise<T>,
  onBadData?: (reason: BadData, error: unknown) => Promise<void>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApplicationFailure) throw error;
    const reason = badDataOf(error);
    if (!reason) throw error;
    await onBadData?.(reason, error).catch(() => undefined);
    throw ApplicationFailure.create({
      type: reason.code,
      message: reason.message,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    });
  }
}
