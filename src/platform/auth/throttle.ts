// Brute-force limit on every secret the hub checks: person passwords, OAuth client secrets, technical-account
// passwords. An attempt is taken, under the lock of its counter row, BEFORE the slow scrypt check, so that parallel
// guesses are counted as surely as sequential ones: after FREE_ATTEMPTS attempts without a success, the next ones are
// refused (429) without any check until the block ends.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isIPv4, isIPv6 } from 'node:net';
import { authThrottles, type authThrottleKinds } from '../../../db/schema/auth.ts';
import { tooManyAttempts } from './auth-errors.ts';
import type { AuthDeps } from './deps.ts';

export type ThrottleKind = (typeof authThrottleKinds)[number];

/** Attempts in a row without a success allowed before the next ones are refused for a while. */
export const FREE_ATTEMPTS = 10;
/** Block after the FREE_ATTEMPTS-th attempt; doubles with each further attempt let through. */
export const FIRST_DELAY_SECONDS = 30;
/** No block lasts longer: a stranger can only slow a person down, and only from the stranger's own address. */
export const MAX_DELAY_SECONDS = 900;

/** Seconds of block after the `attempts`-th attempt without a success (0 while under the threshold). */
export function delayAfter(attempts: number): number {
  if (attempts < FREE_ATTEMPTS) return 0;
  const exponent = Math.min(attempts - FREE_ATTEMPTS, 20);
  return Math.min(FIRST_DELAY_SECONDS * 2 ** exponent, MAX_DELAY_SECONDS);
}

export interface ThrottleKey {
  kind: ThrottleKind;
  /** Normalised e-mail, client id or technical login. */
  identity: string;
  /** The peer address the attempt comes from (null when unknown). */
  ip: string | null | undefined;
}

const UNKNOWN_SOURCE = 'inconnue';

/**
 * The source an attempt is counted for: an IPv4 address (IPv4-mapped IPv6 included), or the /64 prefix of an IPv6
 * address, since one subscriber commonly holds a whole /64 and could otherwise rotate addresses at will.
 */
export function sourceKey(ip: string | null | undefined): string {
  if (!ip) return UNKNOWN_SOURCE;
  const bare = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return UNKNOWN_SOURCE;
  const [head = '', tail] = bare.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => String(parseInt(g, 16).toString(16)))
    .join(':')}::/64`;
}

/**
 * The identity as stored: a very long one (an attacker's megabyte of e-mail) by its hash, to fit the key's index,
 * and one with a NUL (which PostgreSQL text cannot hold) likewise.
 */
function identityKey(identity: string): string {
  return identity.length <= 256 && !identity.includes('\0')
    ? identity
    : `sha256:${createHash('sha256').update(identity).digest('hex')}`;
}

const rowOf = (key: ThrottleKey) =>
  and(
    eq(authThrottles.kind, key.kind),
    eq(authThrottles.identityKey, identityKey(key.identity)),
    eq(authThrottles.sourceKey, sourceKey(key.ip)),
  );

/**
 * Takes one attempt for `key`, or throws TOO_MANY_ATTEMPTS (429, seconds to wait in details) while it is blocked.
 * The counter row is locked for the few statements this takes (never during the secret check): of N parallel
 * attempts, exactly the first FREE_ATTEMPTS get through, since the one that reaches the threshold sets the block
 * before its own check. Returns the attempt's rank since the last success.
 */
export async function takeAttempt(deps: AuthDeps, key: ThrottleKey): Promise<number> {
  const now = deps.clock.now();
  const source = sourceKey(key.ip);
  return deps.db.transaction(async (tx) => {
    await tx
      .insert(authThrottles)
      .values({
        kind: key.kind,
        identityKey: identityKey(key.identity),
        sourceKey: source,
        attempts: 0,
        lastAttemptAt: now,
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select({ attempts: authThrottles.attempts, blockedUntil: authThrottles.blockedUntil })
      .from(authThrottles)
      .where(rowOf(key))
      .for('update');
    if (!row) throw new Error('auth_throttles row vanished under its lock');
    const until = row.blockedUntil?.getTime();
    if (until !== undefined && until > now.getTime())
      throw tooManyAttempts(key.kind, Math.ceil((until - now.getTime()) / 1000));
    const attempts = row.attempts + 1;
    const delay = delayAfter(attempts);
    await tx
      .update(authThrottles)
      .set({
        attempts,
        lastAttemptAt: now,
        blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : row.blockedUntil,
      })
      .where(rowOf(key));
    return attempts;
  });
}

/** A success forgets the attempts made from its source; other sources keep their own count. */
export async function forgetAttempts(deps: AuthDeps, key: ThrottleKey): Promise<void> {
  await deps.db.delete(authThrottles).where(rowOf(key));
}

/**
 * Runs a slow secret check under the throttle: the attempt is taken first (429 while blocked, without running
 * `check`), counted for tests and benchmarks, and a success forgets the attempts of its source.
 */
export async function throttledCheck(
  deps: AuthDeps,
  key: ThrottleKey,
  check: () => Promise<boolean>,
): Promise<{ ok: boolean; attempt: number }> {
  const attempt = await takeAttempt(deps, key);
  deps.onSecretCheck?.(key.kind);
  const ok = await check();
  if (ok) await forgetAttempts(deps, key);
  return { ok, attempt };
}
