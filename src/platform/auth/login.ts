import { eq } from 'drizzle-orm';
import { people } from '../../../db/schema/auth.ts';
import { invalidCredentials } from './auth-errors.ts';
import type { AuthDeps } from './deps.ts';
import { normaliseEmail } from './email.ts';
import { hashPassword, needsRehash, verifyPassword, dummyVerify } from './password.ts';
import { findPersonByEmail, personActor, type PersonActor } from './people.ts';
import { openSession, type OpenedSession } from './sessions.ts';
import { FREE_ATTEMPTS, throttledCheck } from './throttle.ts';
import { offerUnlockLink } from './unlock.ts';

export interface LoginInput {
  email: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface LoginResult extends OpenedSession {
  actor: PersonActor;
}

/**
 * Checks an email and password and opens a session. Unknown email, inactive account and wrong password
 * give the same error after the same work. Attempts are throttled per email and source address before the
 * password is checked; when a person's logins get blocked, an unlock link is sent to them.
 */
export async function login(deps: AuthDeps, input: LoginInput): Promise<LoginResult> {
  const emailKey = normaliseEmail(input.email);
  const key = { kind: 'login', identity: emailKey, ip: input.ip } as const;
  // No account has a NUL in its e-mail (PostgreSQL text cannot even hold one): unknown, after the same work.
  const person = emailKey && !emailKey.includes('\0') ? await findPersonByEmail(deps, emailKey) : undefined;
  const { ok, attempt } = await throttledCheck(deps, key, async () => {
    const passwordOk = person
      ? await verifyPassword(input.password, person.passwordHash)
      : await dummyVerify(input.password);
    return Boolean(person && passwordOk && person.active);
  });
  if (!ok || !person) {
    if (person?.active && attempt >= FREE_ATTEMPTS) await offerUnlockLink(deps, person, input.ip ?? null);
    throw invalidCredentials();
  }

  if (needsRehash(person.passwordHash)) {
    await deps.db
      .update(people)
      .set({ passwordHash: await hashPassword(input.password), updatedAt: deps.clock.now() })
      .where(eq(people.id, person.id));
  }
  const session = await openSession(deps, person.id, { ip: input.ip ?? null, userAgent: input.userAgent ?? null });
  return { ...session, actor: await personActor(deps, person) };
}
