import type { Context } from 'hono';
import { AppError } from '../errors.ts';

/** Adds `Retry-After` to the coming answer when the error says how long to wait. */
export function announceRetryAfter(c: Context, error: unknown): void {
  if (!(error instanceof AppError) || error.code !== 'TOO_MANY_ATTEMPTS') return;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof seconds === 'number') c.header('Retry-After', String(seconds));
}
