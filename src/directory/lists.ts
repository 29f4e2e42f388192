// Lists hanging off one structure: its services, an EPCI's member communes.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { epciMembers, establishments, services, structures } from '../../db/schema/directory.ts';
import { mainEstablishmentJoin, serviceColumns, summaryColumns } from './columns.ts';
import { isUuid } from '../platform/uuid.ts';
import type { ServiceInfo, StructureSummary } from './types.ts';

/** Every service of a structure, active or not, by code. */
export async function listServices(db: Db, structureId: string): Promise<ServiceInfo[]> {
  if (!isUuid(structureId)) return [];
  return db
    .select(serviceColumns)
    .from(services)
    .where(eq(services.structureId, structureId))
    .orderBy(asc(services.code));
}

/** The member communes of an EPCI that are in the directory, by name. */
export async function listEpciMembers(db: Db, epciId: string): Promise<StructureSummary[]> {
  if (!isUuid(epciId)) return [];
  return db
    .select(summaryColumns)
    .from(epciMembers)
    .innerJoin(structures, eq(structures.id, epciMembers.communeId))
    .leftJoin(establishments, mainEstablishmentJoin)
    .where(eq(epciMembers.epciId, epciId))
    .orderBy(asc(structures.name), asc(structures.inseeCode));
}
