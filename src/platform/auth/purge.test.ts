import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, authThrottles, sessions } from '../../../db/schema/auth.ts';
import { structures } from '../../../db/schema/directory.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { createApiClient } from './api-clients.ts';
import { issueClientToken } from './client-credentials.ts';
import { createPerson } from './people.ts';
import { ENDED_SESSION_RETENTION_MS, purgeExpiredCredentials } from './purge.ts';
import { logout, openSession, resolveSession } from './sessions.ts';
import { ensureDirectory } from '../../../test/helpers/auth-test-support.ts';
import { takeAttempt } from './throttle.ts';

const recordLoginFailure = (d: ReturnType<typeof deps>, email: string) =>
  takeAttempt(d, { kind: 'login', identity: email, ip: '192.0.2.9' });

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const deps = () => ({ db: t.handle.db, clock });
const DAY = 24 * 3_600_000;

beforeAll(async () => {
  await ensureDirectory(t.handle.db);
});

describe('purgeExpiredCredentials', () => {
  it('deletes old ended sessions, expired tokens and stale throttle counters, and keeps live ones', async () => {
    const person = await createPerson(deps(), { email: 'purge@test.example', displayName: 'P', password: 'Purge-1' });
    const [supplier] = await t.handle.db.select({ id: structures.id }).from(structures).limit(1);
    await createApiClient(deps(), {
      clientId: 'purge',
      clientSecret: 's',
      name: 'P',
      structureId: supplier!.id,
      grants: [],
    });

    const old = await openSession(deps(), person.id);
    await logout(deps(), old.sessionToken);
    await issueClientToken(deps(), { clientId: 'purge', clientSecret: 's' });
    await recordLoginFailure(deps(), 'oublie@test.example');

    clock.advance(ENDED_SESSION_RETENTION_MS + DAY);
    const live = await openSession(deps(), person.id);
    const token = await issueClientToken(deps(), { clientId: 'purge', clientSecret: 's' });
    await recordLoginFailure(deps(), 'recent@test.example');

    expect(await purgeExpiredCredentials(deps())).toEqual({
      sessions: 1,
      accessTokens: 1,
      loginThrottles: 1,
      unlockLinks: 0,
    });
    expect(await resolveSession(deps(), live.sessionToken)).toBeDefined();
    expect((await t.handle.db.select().from(sessions)).length).toBe(1);
    expect((await t.handle.db.select().from(accessTokens)).length).toBe(1);
    expect(await t.handle.db.select({ k: authThrottles.identityKey }).from(authThrottles)).toEqual([
      { k: 'recent@test.example' },
    ]);
    expect(token.access_token).toBeTruthy();
    expect(await purgeExpiredCredentials(deps())).toEqual({
      sessions: 0,
      accessTokens: 0,
      loginThrottles: 0,
      unlockLinks: 0,
    });
  });
});
