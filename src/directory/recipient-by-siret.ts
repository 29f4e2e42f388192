// The public recipient an invoice is addressed to, found by the SIRET of one of its establishments.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { establishments, structures } from '../../db/schema/directory.ts';
import type { ServiceInfo } from './types.ts';

/**
 * The structure owning the establishment with this SIRET, with its Chorus flags, legal delay and services:
 * what routing needs, in one round trip (a deposit runs this for every invoice): the services come aggregated.
 */
export async function findRecipientBySiret(db: Db, siret: string) {
  const [row] = await db
    .select({
      id: structures.id,
      kind: structures.kind,
      name: structures.name,
      active: structures.active,
      establishmentActive: establishments.active,
      serviceCodeRequired: structures.serviceCodeRequired,
      engagementNumberRequired: structures.engagementNumberRequired,
      serviceCodeOrEngagementRequired: structures.serviceCodeOrEngagementRequired,
      receivesThroughChorus: structures.receivesThroughChorus,
      strictReformRules: structures.strictReformRules,
      paymentDelayDays: structures.paymentDelayDays,
      services: sql<ServiceInfo[]>`coalesce((
        select json_agg(json_build_object('id', s.id, 'code', s.code, 'label', s.label, 'active', s.active,
                                          'engagementNumberRequired', s.engagement_number_required))
        from services s where s.structure_id = ${structures.id}), '[]'::json)`,
    })
    .from(establishments)
    .innerJoin(structures, eq(structures.id, establishments.structureId))
    .where(eq(establishments.siret, siret));
  return row ?? null;
}
