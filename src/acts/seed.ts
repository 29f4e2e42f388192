// Demo data of the acts module: the classification file of the demo communes, and the OAuth client
// `hub-demo-rennes` acting as an agent of Rennes (written in the README).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiClients } from '../../db/schema/auth.ts';
import { structures } from '../../db/schema/directory.ts';
import { createApiClient } from '../platform/auth/index.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { DEMO_CLASSIFICATION } from './demo-classification.ts';
import { storeClassification } from './queries/classification.ts';

export const DEMO_ACTS_CLIENT = {
  clientId: 'hub-demo-rennes',
  clientSecret: 'hub-demo-rennes-secret',
  name: 'Logiciel des actes de démonstration (Ville de Rennes)',
  siren: '213502388',
} as const;

/** Rennes and Langouët, the demo communes. */
const DEMO_SIRENS = ['213502388', '213501463'];

export async function seedActsDemo(db: Db, clock: Clock = systemClock): Promise<void> {
  for (const siren of DEMO_SIRENS) {
    const [commune] = await db
      .select({ id: structures.id })
      .from(structures)
      .where(and(eq(structures.kind, 'commune'), eq(structures.siren, siren)));
    if (commune) await storeClassification(db, commune.id, DEMO_CLASSIFICATION, clock.now());
  }
  const [rennes] = await db
    .select({ id: structures.id })
    .from(structures)
    .where(and(eq(structures.kind, 'commune'), eq(structures.siren, DEMO_ACTS_CLIENT.siren)));
  const [existing] = await db
    .select({ id: apiClients.id })
    .from(apiClients)
    .where(eq(apiClients.clientId, DEMO_ACTS_CLIENT.clientId));
  if (rennes && !existing)
    await createApiClient(
      { db, clock },
      {
        clientId: DEMO_ACTS_CLIENT.clientId,
        clientSecret: DEMO_ACTS_CLIENT.clientSecret,
        name: DEMO_ACTS_CLIENT.name,
        structureId: rennes.id,
        grants: [{ role: 'agent', structureId: rennes.id }],
        scopes: ['openid'],
      },
    );
}
