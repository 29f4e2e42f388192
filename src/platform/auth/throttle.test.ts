import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authThrottles, loginUnlocks } from '../../../db/schema/auth.ts';
import { emailOutbox } from '../../../db/schema/invoices.ts';
import { ensureDirectory } from '../../../test/helpers/auth-test-support.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { login } from './login.ts';
import { createPerson } from './people.ts';
import { delayAfter, FREE_ATTEMPTS, MAX_DELAY_SECONDS, sourceKey } from './throttle.ts';
import { UNLOCK_LINK_TTL_MS, UNLOCK_SUBJECT, unlockWithLink } from './unlock.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const deps = () => ({ db: t.handle.db, clock, publicUrl: 'https://hub.example/' });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const unlockMails = (email: string) =>
  t.handle.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.subject, UNLOCK_SUBJECT)));

const tokenOf = (body: string) => /jeton=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';

beforeAll(async () => {
  await ensureDirectory(t.handle.db);
});

describe('sourceKey', () => {
  it('counts IPv4 by address, IPv4-mapped IPv6 as IPv4, IPv6 by its /64, and an unknown peer apart', () => {
    expect(sourceKey('203.0.113.7')).toBe('203.0.113.7');
    expect(sourceKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(sourceKey('2001:db8:aa:1:5:6:7:8')).toBe('2001:db8:aa:1::/64');
    expect(sourceKey('2001:0db8:00aa:0001::9')).toBe('2001:db8:aa:1::/64');
    expect(sourceKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceKey(null)).toBe('inconnue');
    expect(sourceKey('pas une adresse')).toBe('inconnue');
  });
});

describe('delayAfter', () => {
  it('blocks from the 10th attempt, 30 s doubling, never longer than 15 minutes', () => {
    expect(delayAfter(FREE_ATTEMPTS - 1)).toBe(0);
    expect(delayAfter(FREE_ATTEMPTS)).toBe(30);
    expect(delayAfter(FREE_ATTEMPTS + 1)).toBe(60);
    expect(delayAfter(FREE_ATTEMPTS + 40)).toBe(MAX_DELAY_SECONDS);
    expect(MAX_DELAY_SECONDS).toBe(900);
  });
});

describe('throttled logins, edge cases', () => {
  it(
    'answers 401 (never 500) to a megabyte e-mail and an e-mail with a NUL, and throttles them too',
    { timeout: 120_000 },
    async () => {
      for (const email of ['x'.repeat(1_000_000) + '@exemple.fr', 'nul\0@exemple.fr']) {
        for (let i = 0; i < FREE_ATTEMPTS; i += 1)
          expect((await failure(login(deps(), { email, password: 'faux', ip: '198.51.100.1' }))).code).toBe(
            'INVALID_CREDENTIALS',
          );
        expect((await failure(login(deps(), { email, password: 'faux', ip: '198.51.100.1' }))).status).toBe(429);
      }
    },
  );

  it(
    'sends one unlock link while it is valid, however many blocks; an expired link unlocks nothing',
    { timeout: 180_000 },
    async () => {
      const email = `deux-blocages-${Date.now()}@exemple.fr`;
      await createPerson(deps(), { email, displayName: 'Deux Blocages', password: 'Le-Bon-2026' });
      const block = async (ip: string) => {
        for (let i = 0; i < FREE_ATTEMPTS; i += 1) await failure(login(deps(), { email, password: 'faux', ip }));
      };
      await block('198.51.100.2');
      await block('198.51.100.3');
      const [mail, ...others] = await unlockMails(email);
      expect(others).toEqual([]);
      expect(mail?.body).toContain('https://hub.example/connexion/debloquer?jeton=');
      expect(mail?.body).toContain('depuis l’adresse 198.51.100.2');

      clock.advance(UNLOCK_LINK_TTL_MS + 1000);
      const expired = await failure(unlockWithLink(deps(), tokenOf(mail!.body)));
      expect([expired.code, expired.status]).toEqual(['UNLOCK_LINK_INVALID', 400]);

      // Blocked again later: a new link, which lifts the blocks of every address.
      await block('198.51.100.4');
      const mails = await unlockMails(email);
      expect(mails).toHaveLength(2);
      const fresh = mails.find((m) => m.id !== mail!.id)!;
      expect(await unlockWithLink(deps(), tokenOf(fresh.body))).toEqual({ email });
      expect(await t.handle.db.select().from(authThrottles).where(eq(authThrottles.identityKey, email))).toEqual([]);
      await login(deps(), { email, password: 'Le-Bon-2026', ip: '198.51.100.4' });
      const links = await t.handle.db.select().from(loginUnlocks);
      expect(links.filter((l) => l.usedAt !== null)).toHaveLength(1);
      expect((await failure(unlockWithLink(deps(), 'pas-un-jeton'))).code).toBe('UNLOCK_LINK_INVALID');
    },
  );
});
