import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../../db/schema/auth.ts';
import { structures } from '../../../db/schema/directory.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { login } from './login.ts';
import { hashPassword } from './password.ts';
import { createPerson } from './people.ts';
import { resolveSession } from './sessions.ts';
import { ensureDirectory } from '../../../test/helpers/auth-test-support.ts';
import { FREE_ATTEMPTS } from './throttle.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const deps = () => ({ db: t.handle.db, clock });
let rennesId: string;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  await ensureDirectory(t.handle.db);
  const [rennes] = await t.handle.db
    .select({ id: structures.id })
    .from(structures)
    .where(eq(structures.siren, '213502388'));
  rennesId = rennes!.id;
  await createPerson(deps(), {
    email: 'Claire.Durand@rennes.example',
    displayName: 'Claire Durand',
    password: 'Bon-mot-de-passe-1',
    grants: [{ role: 'accountant', structureId: rennesId }],
  });
});

describe('login', () => {
  it('opens a session for the right password, whatever the email case, with the person’s grants', async () => {
    const result = await login(deps(), {
      email: '  claire.durand@RENNES.example ',
      password: 'Bon-mot-de-passe-1',
      ip: '192.0.2.1',
      userAgent: 'test',
    });
    expect(result.actor).toMatchObject({
      kind: 'person',
      email: 'Claire.Durand@rennes.example',
      displayName: 'Claire Durand',
    });
    expect(result.actor.grants).toEqual([{ role: 'accountant', structureId: rennesId }]);
    expect(result.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const resolved = await resolveSession(deps(), result.sessionToken);
    expect(resolved?.actor.personId).toBe(result.actor.personId);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await failure(login(deps(), { email: 'claire.durand@rennes.example', password: 'mauvais' }));
    const unknown = await failure(login(deps(), { email: 'personne@nulle-part.example', password: 'mauvais' }));
    for (const error of [wrong, unknown]) {
      expect(error.code).toBe('INVALID_CREDENTIALS');
      expect(error.status).toBe(401);
      expect(error.message).toBe('Identifiant ou mot de passe incorrect.');
    }
  });

  it('refuses an inactive account with the same error, even with the right password', async () => {
    const person = await createPerson(deps(), {
      email: 'parti@rennes.example',
      displayName: 'Parti',
      password: 'Encore-valide-1',
    });
    await t.handle.db.update(people).set({ active: false }).where(eq(people.id, person.id));
    const error = await failure(login(deps(), { email: 'parti@rennes.example', password: 'Encore-valide-1' }));
    expect([error.code, error.status]).toEqual(['INVALID_CREDENTIALS', 401]);
  });

  it('rehashes a password stored with outdated parameters on a successful login', async () => {
    const person = await createPerson(deps(), { email: 'ancien@rennes.example', displayName: 'Ancien', password: 'x' });
    await t.handle.db
      .update(people)
      .set({ passwordHash: await hashPassword('Vieux-hash-1', { ln: 12, r: 8, p: 1 }) })
      .where(eq(people.id, person.id));
    await login(deps(), { email: 'ancien@rennes.example', password: 'Vieux-hash-1' });
    const [row] = await t.handle.db.select({ hash: people.passwordHash }).from(people).where(eq(people.id, person.id));
    expect(row?.hash).toContain('$ln=15,r=8,p=3$');
  });
});

describe('login throttling', () => {
  it(`slows an email down after ${FREE_ATTEMPTS} failures in a row, exponentially, until a success`, async () => {
    await createPerson(deps(), { email: 'cible@rennes.example', displayName: 'Cible', password: 'Le-bon-1' });
    const attempt = (password: string) => login(deps(), { email: 'Cible@rennes.example', password });

    for (let i = 0; i < FREE_ATTEMPTS - 1; i += 1)
      expect((await failure(attempt('faux'))).code).toBe('INVALID_CREDENTIALS');
    // Still under the threshold: the right password works and clears the count.
    await attempt('Le-bon-1');
    for (let i = 0; i < FREE_ATTEMPTS; i += 1)
      expect((await failure(attempt('faux'))).code).toBe('INVALID_CREDENTIALS');

    // Blocked, even with the right password, for 30 s.
    const blocked = await failure(attempt('Le-bon-1'));
    expect([blocked.code, blocked.status, blocked.details]).toEqual([
      'TOO_MANY_ATTEMPTS',
      429,
      { retryAfterSeconds: 30 },
    ]);
    expect(blocked.message).toContain('30 secondes');
    clock.advance(20_000);
    expect((await failure(attempt('Le-bon-1'))).details).toEqual({ retryAfterSeconds: 10 });

    // After the delay one more failure doubles the wait.
    clock.advance(10_000);
    expect((await failure(attempt('faux'))).code).toBe('INVALID_CREDENTIALS');
    expect((await failure(attempt('Le-bon-1'))).details).toEqual({ retryAfterSeconds: 60 });

    // After that delay, success; then the count starts again from zero.
    clock.advance(60_000);
    await attempt('Le-bon-1');
    expect((await failure(attempt('faux'))).code).toBe('INVALID_CREDENTIALS');
    await attempt('Le-bon-1');
  }, 120_000); // 25 password checks at the production hash cost: slow on a loaded 2-core machine

  it('throttles unknown emails the same way, so a 429 reveals nothing', async () => {
    const attempt = () => login(deps(), { email: 'inconnu@rennes.example', password: 'faux' });
    for (let i = 0; i < FREE_ATTEMPTS; i += 1) expect((await failure(attempt())).code).toBe('INVALID_CREDENTIALS');
    expect((await failure(attempt())).code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('does not throttle other emails', async () => {
    const error = await failure(login(deps(), { email: 'claire.durand@rennes.example', password: 'faux' }));
    expect(error.code).toBe('INVALID_CREDENTIALS');
    await login(deps(), { email: 'claire.durand@rennes.example', password: 'Bon-mot-de-passe-1' });
  });
});
