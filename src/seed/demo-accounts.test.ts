import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClientGrants, apiClients, people, roleGrants } from '../../db/schema/auth.ts';
import { structures } from '../../db/schema/directory.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE, HUB_SYNDICAT } from '../directory/index.ts';
import { fixedClock } from '../platform/clock.ts';
import { issueClientToken, resolveBearer } from '../platform/auth/client-credentials.ts';
import { DEMO_ACCOUNTS, DEMO_API_CLIENT, seedDemoAccounts } from './demo-accounts.ts';
import { login } from '../platform/auth/login.ts';
import { ensureDirectory } from '../../test/helpers/auth-test-support.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));

async function structureId(kind: 'syndicat' | 'commune' | 'supplier', siren: string): Promise<string> {
  const [row] = await t.handle.db
    .select({ id: structures.id, kind: structures.kind })
    .from(structures)
    .where(eq(structures.siren, siren));
  expect(row?.kind).toBe(kind);
  return row!.id;
}

const rowCounts = async () => ({
  people: (await t.handle.db.select({ n: count() }).from(people))[0]?.n,
  grants: (await t.handle.db.select({ n: count() }).from(roleGrants))[0]?.n,
  clients: (await t.handle.db.select({ n: count() }).from(apiClients))[0]?.n,
  clientGrants: (await t.handle.db.select({ n: count() }).from(apiClientGrants))[0]?.n,
});

beforeAll(async () => {
  await ensureDirectory(t.handle.db);
  // This file's database is its own copy: start without any account, whatever the template holds.
  await t.handle.db.delete(people);
  await t.handle.db.delete(apiClients);
});

describe('seedDemoAccounts', () => {
  it('creates one person per demo account and the demo API client, and a second run changes nothing', async () => {
    expect(await seedDemoAccounts(t.handle.db, clock)).toEqual({
      peopleCreated: DEMO_ACCOUNTS.length,
      clientsCreated: 1,
    });
    const first = await rowCounts();
    expect(first).toEqual({ people: DEMO_ACCOUNTS.length, grants: DEMO_ACCOUNTS.length, clients: 1, clientGrants: 1 });
    const hashes = await t.handle.db.select({ h: people.passwordHash }).from(people);

    expect(await seedDemoAccounts(t.handle.db, clock)).toEqual({ peopleCreated: 0, clientsCreated: 0 });
    expect(await rowCounts()).toEqual(first);
    expect(await t.handle.db.select({ h: people.passwordHash }).from(people)).toEqual(hashes);
  });

  it('covers every role, Rennes, a small commune and the demo suppliers', async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(['operator', 'accountant', 'agent', 'supplier']));
    expect(
      DEMO_ACCOUNTS.filter((a) => a.structure.siren === '213502388')
        .map((a) => a.role)
        .sort(),
    ).toEqual(['accountant', 'agent']);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'supplier')).toHaveLength(4);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.email)).size).toBe(DEMO_ACCOUNTS.length);
  });

  it('lets every demo person log in with the documented password, holding the documented grant', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const { actor } = await login({ db: t.handle.db, clock }, { email: account.email, password: account.password });
      expect(actor.grants).toEqual([
        { role: account.role, structureId: await structureId(account.structure.kind, account.structure.siren) },
      ]);
    }
  });

  it('binds the operator to the syndicat and hub-demo to Armor Bureautique', async () => {
    const operator = DEMO_ACCOUNTS.find((a) => a.role === 'operator')!;
    expect([operator.email, operator.password, operator.structure.siren]).toEqual([
      'operateur@demo.hub.bzh',
      'Demo-Operateur-2026',
      HUB_SYNDICAT.siren,
    ]);

    const token = await issueClientToken(
      { db: t.handle.db, clock },
      { clientId: 'hub-demo', clientSecret: 'hub-demo-secret' },
    );
    expect(token.scope).toBe('openid');
    const actor = await resolveBearer({ db: t.handle.db, clock }, token.access_token);
    expect(actor.grants).toEqual([
      { role: 'supplier', structureId: await structureId('supplier', DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren) },
    ]);
    expect(DEMO_API_CLIENT.structure.siren).toBe(DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren);
  });
});
