import { and, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { accessTokens, authThrottles, loginUnlocks, sessions } from '../../../db/schema/auth.ts';
import type { AuthDeps } from './deps.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Ended sessions stay this long for support questions ("was I logged in from…?"). */
export const ENDED_SESSION_RETENTION_MS = 30 * DAY_MS;

export interface PurgeResult {
  sessions: number;
  accessTokens: number;
  loginThrottles: number;
  unlockLinks: number;
}

/** Deletes what can no longer be used: old ended sessions, expired tokens, stale throttle counters, expired unlock links. Safe to run anywhere, any time. */
export async function purgeExpiredCredentials(deps: AuthDeps): Promise<PurgeResult> {
  const now = deps.clock.now().getTime();
  const sessionCutoff = new Date(now - ENDED_SESSION_RETENTION_MS);
  const dayAgo = new Date(now - DAY_MS);
  const deletedSessions = await deps.db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, sessionCutoff),
        and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, sessionCutoff)),
      ),
    )
    .returning({ id: sessions.id });
  const deletedTokens = await deps.db
    .delete(accessTokens)
    .where(lt(accessTokens.expiresAt, dayAgo))
    .returning({ id: accessTokens.id });
  // A counter without a running block and with no attempt for a day is forgotten: the person starts afresh.
  const deletedThrottles = await deps.db
    .delete(authThrottles)
    .where(
      and(
        lt(authThrottles.lastAttemptAt, dayAgo),
        or(isNull(authThrottles.blockedUntil), lt(authThrottles.blockedUntil, new Date(now))),
      ),
    )
    .returning({ key: authThrottles.identityKey });
  const deletedUnlocks = await deps.db
    .delete(loginUnlocks)
    .where(lt(loginUnlocks.expiresAt, dayAgo))
    .returning({ id: loginUnlocks.id });
  return {
    sessions: deletedSessions.length,
    accessTokens: deletedTokens.length,
    loginThrottles: deletedThrottles.length,
    unlockLinks: deletedUnlocks.length,
  };
}
