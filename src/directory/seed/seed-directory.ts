// Writes the desired directory into the database. Idempotent: a second run inserts and updates nothing.
// Reference data from public sources (names, populations, INSEE codes, EPCI membership) is refreshed;
// routing settings (Chorus flags, services) are only set when a structure is created, because the
// operator and the Chorus sync own them afterwards.
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { epciMembers, establishments, services, structures } from '../../../db/schema/directory.ts';
import { desiredDirectory, type DesiredStructure } from './desired-rows.ts';
import { loadBretonPublicData } from './public-data.ts';

export interface SeedDirectoryResult {
  region: number;
  departements: number;
  epcis: number;
  communes: number;
  syndicats: number;
  hospitals: number;
  suppliers: number;
  services: number;
  establishments: number;
  epciMemberships: number;
  /** Rows inserted or updated by this run: 0 when the directory was already up to date. */
  written: number;
}

const BATCH = 500;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const excluded = (column: PgColumn): SQL => sql.raw(`excluded."${column.name}"`);

/** `set` and `where` of an upsert that only touches rows whose listed columns differ. */
function refresh(columns: Record<string, PgColumn>): { set: Record<string, SQL>; setWhere: SQL } {
  const list = Object.values(columns);
  const set: Record<string, SQL> = {};
  for (const [key, column] of Object.entries(columns)) set[key] = excluded(column);
  const current = sql.join(
    list.map((c) => sql`${c}`),
    sql`, `,
  );
  const incoming = sql.join(list.map(excluded), sql`, `);
  return { set, setWhere: sql`(${current}) is distinct from (${incoming})` };
}

export async function seedDirectory(db: Db): Promise<SeedDirectoryResult> {
  const desired = desiredDirectory(await loadBretonPublicData());
  return db.transaction(async (tx) => {
    // Several processes may start together: one seeds, the others wait and then find nothing to do.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hub.directory.seed'))`);
    let written = 0;

    const structureRefresh = refresh({
      name: structures.name,
      searchName: structures.searchName,
      vatNumber: structures.vatNumber,
      inseeCode: structures.inseeCode,
      departementCode: structures.departementCode,
      population: structures.population,
      epciNature: structures.epciNature,
      demo: structures.demo,
    });
    for (const batch of chunks(desired.structures)) {
      const rows = await tx
        .insert(structures)
        .values(batch.map(structureValues))
        .onConflictDoUpdate({
          target: [structures.kind, structures.siren],
          set: { ...structureRefresh.set, updatedAt: sql`now()` },
          setWhere: structureRefresh.setWhere,
        })
        .returning({ id: structures.id });
      written += rows.length;
    }

    const idOf = await structureIds(tx, desired.structures);

    // A structure whose main establishment is already recorded (possibly corrected by the operator) keeps it.
    const withMain = new Set(
      (
        await tx.select({ id: establishments.structureId }).from(establishments).where(eq(establishments.main, true))
      ).map((r) => r.id),
    );
    const missingMain = desired.structures.filter((s) => !withMain.has(idOf(s.kind, s.siren)));
    for (const batch of chunks(missingMain)) {
      const rows = await tx
        .insert(establishments)
        .values(
          batch.map((s) => ({
            structureId: idOf(s.kind, s.siren),
            siret: s.siret,
            main: true,
            derived: s.siretDerived,
            label: 'Siège',
          })),
        )
        .onConflictDoNothing({ target: establishments.siret })
        .returning({ id: establishments.id });
      written += rows.length;
    }

    const serviceRows = desired.structures.flatMap((s) =>
      s.services.map((svc) => ({
        structureId: idOf(s.kind, s.siren),
        code: svc.code,
        label: svc.label,
        active: svc.active ?? true,
        engagementNumberRequired: svc.engagementNumberRequired ?? false,
      })),
    );
    for (const batch of chunks(serviceRows)) {
      const rows = await tx
        .insert(services)
        .values(batch)
        .onConflictDoNothing({ target: [services.structureId, services.code] })
        .returning({ id: services.id });
      written += rows.length;
    }

    const membershipRows = desired.memberships.map((m) => ({
      epciId: idOf('epci', m.epciSiren),
      communeId: idOf('commune', m.communeSiren),
    }));
    const membershipRefresh = refresh({ epciId: epciMembers.epciId });
    for (const batch of chunks(membershipRows)) {
      const rows = await tx
        .insert(epciMembers)
        .values(batch)
        .onConflictDoUpdate({ target: epciMembers.communeId, ...membershipRefresh })
        .returning({ epciId: epciMembers.epciId });
      written += rows.length;
    }

    const count = (kind: DesiredStructure['kind']): number => desired.structures.filter((s) => s.kind === kind).length;
    return {
      region: count('region'),
      departements: count('departement'),
      epcis: count('epci'),
      communes: count('commune'),
      syndicats: count('syndicat'),
      hospitals: count('etablissement_public_sante'),
      suppliers: count('supplier'),
      services: serviceRows.length,
      establishments: desired.structures.length,
      epciMemberships: membershipRows.length,
      written,
    };
  });
}

function structureValues(s: DesiredStructure): typeof structures.$inferInsert {
  return {
    kind: s.kind,
    name: s.name,
    searchName: s.searchName,
    siren: s.siren,
    vatNumber: s.vatNumber,
    inseeCode: s.inseeCode,
    departementCode: s.departementCode,
    population: s.population,
    epciNature: s.epciNature,
    serviceCodeRequired: s.serviceCodeRequired,
    engagementNumberRequired: s.engagementNumberRequired,
    serviceCodeOrEngagementRequired: s.serviceCodeOrEngagementRequired,
    receivesThroughChorus: s.receivesThroughChorus,
    paymentDelayDays: s.paymentDelayDays,
    demo: s.demo,
  };
}

async function structureIds(
  db: Db,
  wanted: readonly DesiredStructure[],
): Promise<(kind: string, siren: string) => string> {
  const kinds = [...new Set(wanted.map((s) => s.kind))];
  const rows = await db
    .select({ id: structures.id, kind: structures.kind, siren: structures.siren })
    .from(structures)
    .where(and(inArray(structures.kind, kinds), isNotNull(structures.siren)));
  const ids = new Map(rows.map((r) => [`${r.kind}:${r.siren}`, r.id]));
  return (kind, siren) => {
    const id = ids.get(`${kind}:${siren}`);
    if (!id) throw new Error(`Seeded structure ${kind} ${siren} is missing`);
    return id;
  };
}
