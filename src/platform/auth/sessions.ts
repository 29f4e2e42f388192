import { and, eq, isNull } from 'drizzle-orm';
import { people, sessions } from '../../../db/schema/auth.ts';
import type { AuthDeps } from './deps.ts';
import { personActor, type PersonActor } from './people.ts';
import { hashToken, randomToken } from './tokens.ts';

/** A session unused for this long ends. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** No session outlives this, however active. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Use is recorded at most once per interval, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface OpenedSession {
  /** The cookie value; only its SHA-256 is stored. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: PersonActor;
}

export async function openSession(
  deps: AuthDeps,
  personId: string,
  origin: { ip?: string | null; userAgent?: string | null } = {},
): Promise<OpenedSession> {
  const now = deps.clock.now();
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await deps.db.insert(sessions).values({
    tokenHash: hashToken(sessionToken),
    personId,
    csrfToken,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip: origin.ip ?? null,
    userAgent: origin.userAgent?.slice(0, 512) ?? null,
  });
  return { sessionToken, csrfToken, expiresAt };
}

/** The person behind a session cookie; undefined when unknown, expired, revoked or the person is inactive. */
export async function resolveSession(deps: AuthDeps, token: string): Promise<ResolvedSession | undefined> {
  if (!token) return undefined;
  const [row] = await deps.db
    .select({
      session: sessions,
      person: { id: people.id, email: people.email, displayName: people.displayName, active: people.active },
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.tokenHash, hashToken(token)));
  const now = deps.clock.now();
  if (!row || row.session.revokedAt || row.session.expiresAt <= now || !row.person.active) return undefined;

  let expiresAt = row.session.expiresAt;
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    const slid = Math.min(now.getTime() + SESSION_IDLE_MS, row.session.createdAt.getTime() + SESSION_ABSOLUTE_MS);
    expiresAt = new Date(slid);
    await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.session.id));
  }
  return {
    sessionId: row.session.id,
    csrfToken: row.session.csrfToken,
    expiresAt,
    actor: await personActor(deps, row.person),
  };
}

/** Ends the session behind this cookie value; unknown or already ended sessions are ignored. */
export async function logout(deps: AuthDeps, token: string): Promise<void> {
  if (!token) return;
  await deps.db
    .update(sessions)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
}

/** Ends every session of a person (password change, deactivation). */
export async function revokeSessionsOf(deps: AuthDeps, personId: string): Promise<void> {
  await deps.db
    .update(sessions)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)));
}
