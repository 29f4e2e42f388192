// The demo API client of a buyer: `hub-demo-rennes`, an agent of the commune of Rennes (tenders, and acts).
// Idempotent, and written so that another module seeding the same client merges with it: created when absent, the
// agent grant added when missing, the secret of an existing client left alone.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiClientGrants } from '../../db/schema/auth.ts';
import { structures } from '../../db/schema/directory.ts';
import { systemClock } from '../platform/clock.ts';
import { createApiClient, findApiClient } from '../platform/auth/api-clients.ts';

export const DEMO_BUYER_CLIENT = {
  clientId: 'hub-demo-rennes',
  clientSecret: 'hub-demo-rennes-secret',
  name: 'Logiciel acheteur de démonstration (Ville de Rennes)',
  siren: '213502388',
} as const;

export async function seedTenderDemoClient(db: Db): Promise<{ created: boolean }> {
  const [rennes] = await db
    .select({ id: structures.id })
    .from(structures)
    .where(and(eq(structures.kind, 'commune'), eq(structures.siren, DEMO_BUYER_CLIENT.siren)));
  if (!rennes) throw new Error('Client de démonstration acheteur : la commune de Rennes est absente de l’annuaire.');
  const grant = { role: 'agent' as const, structureId: rennes.id };
  const deps = { db, clock: systemClock };
  const existing = await findApiClient(deps, DEMO_BUYER_CLIENT.clientId);
  if (existing) {
    await db
      .insert(apiClientGrants)
      .values({ apiClientId: existing.id, ...grant })
      .onConflictDoNothing();
    return { created: false };
  }
  try {
    await createApiClient(deps, {
      clientId: DEMO_BUYER_CLIENT.clientId,
      clientSecret: DEMO_BUYER_CLIENT.clientSecret,
      name: DEMO_BUYER_CLIENT.name,
      structureId: rennes.id,
      grants: [grant],
      scopes: ['openid'],
    });
    return { created: true };
  } catch (error) {
    // Created meanwhile by a concurrent seed: keep it, with our grant.
    const raced = await findApiClient(deps, DEMO_BUYER_CLIENT.clientId);
    if (!raced) throw error;
    await db
      .insert(apiClientGrants)
      .values({ apiClientId: raced.id, ...grant })
      .onConflictDoNothing();
    return { created: false };
  }
}
