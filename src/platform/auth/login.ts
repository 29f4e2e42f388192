import { eq } from 'drizzle-orm';
import { people } from '../../../db/schema/auth.ts';
import { invalidCredentials } from './auth-errors.ts';
import type { AuthDeps } from './deps.ts';
import { normaliseEmail } from './email.ts';
import { hashPassword, needsRehash, verifyPassword, dummyVerify } from './password.ts';
import { findPersonByEmail, personActor, type PersonActor } from './people.ts';
import { openSession, type OpenedSession } from './sessions.ts';
import { assertLoginAllowed, recordLoginFailure, resetLoginFailures } from './throttle.ts';

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
 * give the same error after the same work; after too many failures in a row the email is slowed down.
 */
export async function login(deps: AuthDeps, input: LoginInput): Promise<LoginResult> {
  const emailKey = normaliseEmail(input.email);
  await assertLoginAllowed(deps, emailKey);

  const person = emailKey ? await findPersonByEmail(deps, emailKey) : undefined;
  const passwordOk = person
    ? await verifyPassword(input.password, person.passwordHash)
    : await dummyVerify(input.password);
  if (!person || !passwordOk || !person.active) {
    await recordLoginFailure(deps, emailKey);
    throw invalidCredentials();
  }

  await resetLoginFailures(deps, emailKey);
  if (needsRehash(person.passwordHash)) {
    await deps.db
      .update(people)
      .set({ passwordHash: await hashPassword(input.password), updatedAt: deps.clock.now() })
      .where(eq(people.id, person.id));
  }
  const session = await openSession(deps, person.id, { ip: input.ip ?? null, userAgent: input.userAgent ?? null });
  return { ...session, actor: await personActor(deps, person) };
}
