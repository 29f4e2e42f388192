// The demo OAuth2 client acting as the operator (the syndicat): it drives the members' billing API.
import type { Db } from '../../db/client.ts';
import { apiClientGrants } from '../../db/schema/auth.ts';
import { HUB_SYNDICAT, findStructureBySiren } from '../directory/index.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { createApiClient, findApiClient } from '../platform/auth/api-clients.ts';

export const DEMO_OPERATOR_CLIENT = {
  clientId: 'hub-demo-operateur',
  clientSecret: 'hub-demo-operateur-secret',
  name: 'Client de démonstration de l’opérateur (facturation des membres)',
  scopes: ['openid'],
} as const;

/** Idempotent: an existing client keeps its secret; a missing grant is added. */
export async function seedOperatorClient(db: Db, clock: Clock = systemClock): Promise<boolean> {
  const syndicat = await findStructureBySiren(db, HUB_SYNDICAT.siren, 'syndicat');
  if (!syndicat) throw new Error('Client opérateur de démonstration : le syndicat est absent de l’annuaire.');
  const grant = { role: 'operator' as const, structureId: syndicat.id };
  const existing = await findApiClient({ db }, DEMO_OPERATOR_CLIENT.clientId);
  if (existing) {
    await db
      .insert(apiClientGrants)
      .values({ apiClientId: existing.id, ...grant })
      .onConflictDoNothing();
    return false;
  }
  await createApiClient(
    { db, clock },
    {
      clientId: DEMO_OPERATOR_CLIENT.clientId,
      clientSecret: DEMO_OPERATOR_CLIENT.clientSecret,
      name: DEMO_OPERATOR_CLIENT.name,
      structureId: syndicat.id,
      grants: [grant],
      scopes: [...DEMO_OPERATOR_CLIENT.scopes],
    },
  );
  return true;
}
