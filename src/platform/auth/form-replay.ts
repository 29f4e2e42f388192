// A form posted after its session expired is kept, so that nothing typed is lost: the person logs in again and
// sends it from `/reprise/<token>`. Kept only when the post carried the expired session's own CSRF token (a form
// forged by another site is never stored), bound to that session's person, single-use and valid a day.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { people, sessions } from '../../../db/schema/auth.ts';
import { formReplays } from '../../../db/schema/form-replays.ts';
import { AppError } from '../errors.ts';
import type { AuthDeps } from './deps.ts';
import { CSRF_FIELD } from './csrf.tsx';
import { hashToken, randomToken, sameSecret } from './tokens.ts';

export const REPLAY_PATH = '/reprise';
export const FORM_REPLAY_TTL_MS = 24 * 60 * 60_000;
/** Text kept per form: a motive or a comment fits many times over; a larger post is not stored. */
export const FORM_REPLAY_MAX_CHARS = 64 * 1024;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type PostedValue = string | File | (string | File)[];

export interface ExpiredPost {
  /** The `hub_session` cookie the form came with. */
  sessionToken: string;
  path: string;
  enctype: 'application/x-www-form-urlencoded' | 'multipart/form-data';
  fields: Record<string, PostedValue>;
}

export const replayInvalid = (): AppError =>
  new AppError(
    'FORM_REPLAY_INVALID',
    'Ce formulaire conservé n’est plus disponible : il a déjà été renvoyé, il a expiré (il est gardé une journée) ou il a été saisi par une autre personne.',
    404,
  );

/** The person of a session that ended by expiry (not by logout or revocation), with its CSRF token. */
async function expiredSession(deps: AuthDeps, token: string) {
  const [row] = await deps.db
    .select({ personId: sessions.personId, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), eq(people.active, true)));
  return row && row.expiresAt <= deps.clock.now() ? row : undefined;
}

/**
 * Stores a form posted with an expired session; returns the token of its replay link, or undefined when it cannot
 * be kept (no such expired session, CSRF token not the session's, form too large).
 */
export async function keepExpiredPost(deps: AuthDeps, post: ExpiredPost): Promise<string | undefined> {
  const session = await expiredSession(deps, post.sessionToken);
  const submitted = post.fields[CSRF_FIELD];
  if (!session || typeof submitted !== 'string' || !sameSecret(submitted, session.csrfToken)) return undefined;
  const fields: [string, string][] = [];
  let droppedFiles = 0;
  let size = 0;
  for (const [name, value] of Object.entries(post.fields)) {
    if (name === CSRF_FIELD) continue;
    for (const one of [value].flat()) {
      if (typeof one !== 'string') {
        if (one.size > 0 || one.name) droppedFiles += 1;
        continue;
      }
      size += name.length + one.length;
      fields.push([name, one]);
    }
  }
  if (size > FORM_REPLAY_MAX_CHARS) return undefined;
  const token = randomToken();
  const now = deps.clock.now();
  await deps.db.insert(formReplays).values({
    tokenHash: hashToken(token),
    personId: session.personId,
    path: post.path,
    enctype: post.enctype,
    fields,
    droppedFiles,
    createdAt: now,
    expiresAt: new Date(now.getTime() + FORM_REPLAY_TTL_MS),
  });
  return token;
}

/** What a replay page sends again. */
export interface KeptForm {
  path: string;
  enctype: string;
  fields: [string, string][];
  droppedFiles: number;
}

/** The kept form behind a replay link, for its own person only; it serves once. */
export async function takeFormReplay(deps: AuthDeps, personId: string, token: string): Promise<KeptForm> {
  if (!TOKEN.test(token)) throw replayInvalid();
  const now = deps.clock.now();
  const [taken] = await deps.db
    .update(formReplays)
    .set({ usedAt: now })
    .where(
      and(
        eq(formReplays.tokenHash, hashToken(token)),
        eq(formReplays.personId, personId),
        isNull(formReplays.usedAt),
        gt(formReplays.expiresAt, now),
      ),
    )
    .returning({
      path: formReplays.path,
      enctype: formReplays.enctype,
      fields: formReplays.fields,
      droppedFiles: formReplays.droppedFiles,
    });
  if (!taken) throw replayInvalid();
  return taken;
}
