import { eq, sql } from 'drizzle-orm';
import { loginThrottles } from '../../../db/schema/auth.ts';
import { tooManyAttempts } from './auth-errors.ts';
import type { AuthDeps } from './deps.ts';

/** Failed logins in a row allowed before attempts are slowed down. */
export const FREE_FAILURES = 10;
/** Wait after the FREE_FAILURES-th failure; doubles with each further failure. */
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 3600;

/** Seconds to wait after `failures` consecutive failures (0 while under the threshold). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const exponent = Math.min(failures - FREE_FAILURES, 20);
  return Math.min(FIRST_DELAY_SECONDS * 2 ** exponent, MAX_DELAY_SECONDS);
}

/** Throws TOO_MANY_ATTEMPTS (429, seconds to wait in details) while the email is blocked. */
export async function assertLoginAllowed(deps: AuthDeps, emailKey: string): Promise<void> {
  const [row] = await deps.db
    .select({ blockedUntil: loginThrottles.blockedUntil })
    .from(loginThrottles)
    .where(eq(loginThrottles.emailKey, emailKey));
  const now = deps.clock.now().getTime();
  const until = row?.blockedUntil?.getTime();
  if (until !== undefined && until > now) throw tooManyAttempts(Math.ceil((until - now) / 1000));
}

/** Counts one more failure, atomically, and blocks the email when the threshold is passed. */
export async function recordLoginFailure(deps: AuthDeps, emailKey: string): Promise<void> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(loginThrottles)
    .values({ emailKey, consecutiveFailures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottles.emailKey,
      set: { consecutiveFailures: sql`${loginThrottles.consecutiveFailures} + 1`, lastFailureAt: now },
    })
    .returning({ failures: loginThrottles.consecutiveFailures });
  const delay = delayAfter(row?.failures ?? 1);
  if (delay > 0) {
    await deps.db
      .update(loginThrottles)
      // greatest(): a concurrent, earlier failure never shortens a longer block.
      .set({
        blockedUntil: sql`greatest(${loginThrottles.blockedUntil}, ${new Date(now.getTime() + delay * 1000).toISOString()}::timestamptz)`,
      })
      .where(eq(loginThrottles.emailKey, emailKey));
  }
}

/** A successful login forgets past failures. */
export async function resetLoginFailures(deps: AuthDeps, emailKey: string): Promise<void> {
  await deps.db.delete(loginThrottles).where(eq(loginThrottles.emailKey, emailKey));
}
