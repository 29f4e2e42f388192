import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { people, sessions } from '../../../db/schema/auth.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { createPerson } from './people.ts';
import {
  logout,
  openSession,
  resolveSession,
  revokeSessionsOf,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from './sessions.ts';
import { hashToken } from './tokens.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const deps = () => ({ db: t.handle.db, clock });
let personId: string;

const HOUR = 3_600_000;

beforeAll(async () => {
  personId = (
    await createPerson(deps(), { email: 'session@test.example', displayName: 'Sess Ion', password: 'Mot-de-passe-1' })
  ).id;
});

describe('sessions', () => {
  it('stores only the SHA-256 of the token, and resolves the token to the person', async () => {
    const opened = await openSession(deps(), personId, { ip: '192.0.2.7', userAgent: 'Firefox' });
    const rows = await t.handle.db.select().from(sessions).where(eq(sessions.personId, personId));
    expect(rows.some((r) => r.tokenHash === opened.sessionToken)).toBe(false);
    const row = rows.find((r) => r.tokenHash === hashToken(opened.sessionToken));
    expect(row).toMatchObject({ ip: '192.0.2.7', userAgent: 'Firefox', csrfToken: opened.csrfToken, revokedAt: null });

    const resolved = await resolveSession(deps(), opened.sessionToken);
    expect(resolved).toMatchObject({
      csrfToken: opened.csrfToken,
      actor: { kind: 'person', personId, email: 'session@test.example' },
    });
    expect(await resolveSession(deps(), opened.sessionToken.slice(1))).toBeUndefined();
    expect(await resolveSession(deps(), '')).toBeUndefined();
  });

  it('expires after the idle period, and slides forward while used', async () => {
    const opened = await openSession(deps(), personId);
    clock.advance(SESSION_IDLE_MS - HOUR);
    const used = await resolveSession(deps(), opened.sessionToken);
    expect(used?.expiresAt.getTime()).toBe(clock.now().getTime() + SESSION_IDLE_MS);
    clock.advance(SESSION_IDLE_MS - HOUR);
    expect(await resolveSession(deps(), opened.sessionToken)).toBeDefined();
    clock.advance(SESSION_IDLE_MS);
    expect(await resolveSession(deps(), opened.sessionToken)).toBeUndefined();
  });

  it('never outlives the absolute lifetime, however active', async () => {
    const opened = await openSession(deps(), personId);
    const end = clock.now().getTime() + SESSION_ABSOLUTE_MS;
    while (clock.now().getTime() + 6 * HOUR < end) {
      clock.advance(6 * HOUR);
      expect(await resolveSession(deps(), opened.sessionToken)).toBeDefined();
    }
    clock.set(new Date(end));
    expect(await resolveSession(deps(), opened.sessionToken)).toBeUndefined();
  });

  it('ends on logout, and logging out twice is harmless', async () => {
    const opened = await openSession(deps(), personId);
    await logout(deps(), opened.sessionToken);
    await logout(deps(), opened.sessionToken);
    expect(await resolveSession(deps(), opened.sessionToken)).toBeUndefined();
  });

  it('ends when the person is deactivated or all their sessions are revoked', async () => {
    const a = await openSession(deps(), personId);
    await t.handle.db.update(people).set({ active: false }).where(eq(people.id, personId));
    expect(await resolveSession(deps(), a.sessionToken)).toBeUndefined();
    await t.handle.db.update(people).set({ active: true }).where(eq(people.id, personId));
    expect(await resolveSession(deps(), a.sessionToken)).toBeDefined();
    await revokeSessionsOf(deps(), personId);
    expect(await resolveSession(deps(), a.sessionToken)).toBeUndefined();
  });
});
