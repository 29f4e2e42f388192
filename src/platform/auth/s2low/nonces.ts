import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { s2lowNonces } from '../../../../db/schema/s2low.ts';
import type { AuthDeps } from '../deps.ts';

/** Hands out a fresh nonce (64 hex digits), usable once before `ttlMs` elapses. */
export async function issueNonce(deps: Pick<AuthDeps, 'db' | 'clock'>, ttlMs: number): Promise<string> {
  const now = deps.clock.now();
  const nonce = randomBytes(32).toString('hex');
  // Expired nonces can never be accepted again: the issue of a new one sweeps them, so the table stays small.
  await purgeExpiredNonces(deps, now);
  await deps.db.insert(s2lowNonces).values({ nonce, issuedAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  return nonce;
}

/**
 * Marks the nonce used (by `personId` when the login is known), atomically: of two requests carrying the same nonce only one gets true.
 * An unknown, expired or used nonce gives false.
 */
export async function consumeNonce(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  nonce: string,
  personId: string | null,
): Promise<boolean> {
  const now = deps.clock.now();
  const used = await deps.db
    .update(s2lowNonces)
    .set({ usedAt: now, personId })
    .where(and(eq(s2lowNonces.nonce, nonce), isNull(s2lowNonces.usedAt), gt(s2lowNonces.expiresAt, now)))
    .returning({ nonce: s2lowNonces.nonce });
  return used.length === 1;
}

/** Forgets the nonces expired before `before` (used or not): they can never be accepted again. */
export async function purgeExpiredNonces(deps: Pick<AuthDeps, 'db'>, before: Date): Promise<number> {
  const gone = await deps.db
    .delete(s2lowNonces)
    .where(lt(s2lowNonces.expiresAt, before))
    .returning({ nonce: s2lowNonces.nonce });
  return gone.length;
}
