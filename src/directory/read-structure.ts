// One structure with everything routing needs: Chorus flags, services, establishments, EPCI.
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { epciMembers, establishments, services, structures } from '../../db/schema/directory.ts';
import { establishmentColumns, mainEstablishmentJoin, serviceColumns, summaryColumns } from './columns.ts';
import { legalPaymentDelayDays } from './domain/payment-delay.ts';
import { compactIdentifier, isValidSiren, isValidSiret } from './identifiers.ts';
import { isUuid } from '../platform/uuid.ts';
import type { EstablishmentInfo, StructureDetail, StructureKind } from './types.ts';

/** The structure with this id, or null (also for a string that is not a UUID). */
export async function getStructure(db: Db, id: string): Promise<StructureDetail | null> {
  if (!isUuid(id)) return null;
  const [found] = await findDetails(db, eq(structures.id, id), 1);
  return found ?? null;
}

/** The structure owning this SIRET, with the matching establishment; null when unknown or malformed. */
export async function findStructureBySiret(
  db: Db,
  siret: string,
): Promise<(StructureDetail & { establishment: EstablishmentInfo }) | null> {
  const compact = compactIdentifier(siret);
  if (!isValidSiret(compact)) return null;
  const [owner] = await db
    .select({ structureId: establishments.structureId })
    .from(establishments)
    .where(eq(establishments.siret, compact));
  if (!owner) return null;
  const detail = await getStructure(db, owner.structureId);
  const establishment = detail?.establishments.find((e) => e.siret === compact);
  return detail && establishment ? { ...detail, establishment } : null;
}

/**
 * The structure with this SIREN. A SIREN is unique per kind; when several kinds share it
 * (a collectivity also registered as a supplier), `kind` chooses, otherwise public kinds come first.
 */
export async function findStructureBySiren(
  db: Db,
  siren: string,
  kind?: StructureKind,
): Promise<StructureDetail | null> {
  const compact = compactIdentifier(siren);
  if (!isValidSiren(compact)) return null;
  const where = kind ? and(eq(structures.siren, compact), eq(structures.kind, kind)) : eq(structures.siren, compact);
  const [found] = await findDetails(db, where, 1);
  return found ?? null;
}

async function findDetails(db: Db, where: SQL | undefined, limit: number): Promise<StructureDetail[]> {
  const rows = await db
    .select({
      ...summaryColumns,
      serviceCodeRequired: structures.serviceCodeRequired,
      engagementNumberRequired: structures.engagementNumberRequired,
      serviceCodeOrEngagementRequired: structures.serviceCodeOrEngagementRequired,
      receivesThroughChorus: structures.receivesThroughChorus,
      strictReformRules: structures.strictReformRules,
      paymentDelayDays: structures.paymentDelayDays,
      paymentDelayOverrideDays: structures.paymentDelayOverrideDays,
    })
    .from(structures)
    .leftJoin(establishments, mainEstablishmentJoin)
    .where(where)
    .orderBy(asc(structures.kind), asc(structures.name))
    .limit(limit);
  return Promise.all(
    rows.map(
      async ({
        serviceCodeRequired,
        engagementNumberRequired,
        serviceCodeOrEngagementRequired,
        receivesThroughChorus,
        strictReformRules,
        paymentDelayDays,
        paymentDelayOverrideDays,
        ...summary
      }) => {
        const [serviceList, establishmentList, epci, memberCount] = await Promise.all([
          db
            .select(serviceColumns)
            .from(services)
            .where(eq(services.structureId, summary.id))
            .orderBy(asc(services.code)),
          db
            .select(establishmentColumns)
            .from(establishments)
            .where(eq(establishments.structureId, summary.id))
            .orderBy(desc(establishments.main), asc(establishments.siret)),
          summary.kind === 'commune' ? epciOf(db, summary.id) : Promise.resolve(null),
          summary.kind === 'epci' ? countMembers(db, summary.id) : Promise.resolve(null),
        ]);
        return {
          ...summary,
          chorus: {
            serviceCodeRequired,
            engagementNumberRequired,
            serviceCodeOrEngagementRequired,
            receivesThroughChorus,
            strictReformRules,
          },
          paymentDelay: {
            days: paymentDelayDays,
            legalDays: legalPaymentDelayDays(summary.kind),
            overrideDays: paymentDelayOverrideDays,
          },
          services: serviceList,
          establishments: establishmentList,
          epci,
          memberCount,
        };
      },
    ),
  );
}

async function epciOf(db: Db, communeId: string): Promise<StructureDetail['epci']> {
  const [row] = await db
    .select({ id: structures.id, name: structures.name, siren: structures.siren })
    .from(epciMembers)
    .innerJoin(structures, eq(structures.id, epciMembers.epciId))
    .where(eq(epciMembers.communeId, communeId));
  return row ?? null;
}

async function countMembers(db: Db, epciId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(epciMembers).where(eq(epciMembers.epciId, epciId));
  return row?.n ?? 0;
}
