// The public recipient an invoice is addressed to, found by the SIRET of one of its establishments.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { establishments, services, structures } from '../../db/schema/directory.ts';
import type { ServiceInfo } from './types.ts';

/**
 * The structure owning the establishment with this SIRET, with its Chorus flags, legal delay and services:
 * what routing needs, in two queries (a deposit runs this for every invoice).
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
    })
    .from(establishments)
    .innerJoin(structures, eq(structures.id, establishments.structureId))
    .where(eq(establishments.siret, siret));
  if (!row) return null;
  const serviceList: ServiceInfo[] = await db
    .select({
      id: services.id,
      code: services.code,
      label: services.label,
      active: services.active,
      engagementNumberRequired: services.engagementNumberRequired,
    })
    .from(services)
    .where(eq(services.structureId, row.id));
  return { ...row, services: serviceList };
}
