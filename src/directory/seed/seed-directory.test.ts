import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { epciMembers, establishments, services, structures } from '../../../db/schema/directory.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { isValidSiret } from '../identifiers.ts';
import { seedDirectory, type SeedDirectoryResult } from './seed-directory.ts';

const t = useTestDatabase();

async function countsByKind(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ kind: structures.kind, n: count() }).from(structures).groupBy(structures.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

async function tableSizes(db: Db) {
  const [s] = await db.select({ n: count() }).from(structures);
  const [e] = await db.select({ n: count() }).from(establishments);
  const [v] = await db.select({ n: count() }).from(services);
  const [m] = await db.select({ n: count() }).from(epciMembers);
  return { structures: s?.n, establishments: e?.n, services: v?.n, memberships: m?.n };
}

async function structureBySiren(db: Db, kind: 'commune' | 'epci', siren: string) {
  const [row] = await db
    .select()
    .from(structures)
    .where(and(eq(structures.kind, kind), eq(structures.siren, siren)));
  if (!row) throw new Error(`no ${kind} ${siren}`);
  return row;
}

describe('the template database', () => {
  it('starts with the seeded directory', async () => {
    expect(await countsByKind(t.handle.db)).toEqual({
      region: 1,
      departement: 4,
      epci: 61,
      commune: 1202,
      syndicat: 1,
      etablissement_public_sante: 1,
      supplier: 4,
    });
  });
});

describe('seedDirectory on an empty directory', () => {
  let first: SeedDirectoryResult;
  let firstMs: number;

  beforeAll(async () => {
    await t.handle.db.execute(sql`truncate ${structures} cascade`);
    const started = performance.now();
    first = await seedDirectory(t.handle.db);
    firstMs = performance.now() - started;
    console.log(`[directory] seed on ${t.handle.kind}: ${Math.round(firstMs)} ms, ${first.written} rows written`);
  });

  it('creates exactly the région, 4 départements, 61 EPCIs and 1,202 communes of Bretagne', async () => {
    expect(first).toMatchObject({
      region: 1,
      departements: 4,
      epcis: 61,
      communes: 1202,
      syndicats: 1,
      hospitals: 1,
      suppliers: 4,
    });
    expect(await countsByKind(t.handle.db)).toEqual({
      region: 1,
      departement: 4,
      epci: 61,
      commune: 1202,
      syndicat: 1,
      etablissement_public_sante: 1,
      supplier: 4,
    });
    const sizes = await tableSizes(t.handle.db);
    expect(sizes).toEqual({
      structures: 1274,
      establishments: 1274,
      services: first.services,
      memberships: first.epciMemberships,
    });
    // Every Breton commune but the three islands outside any EPCI (Bréhat, Sein, Ouessant).
    expect(first.epciMemberships).toBe(1199);
    expect(first.written).toBe(1274 + 1274 + first.services + 1199);
  });

  it('stores real names, SIRENs, INSEE codes and populations', async () => {
    const rennes = await structureBySiren(t.handle.db, 'commune', '213502388');
    expect(rennes).toMatchObject({
      name: 'Rennes',
      inseeCode: '35238',
      departementCode: '35',
      population: 230890,
      searchName: 'rennes',
    });
    const brest = await structureBySiren(t.handle.db, 'commune', '212900195');
    expect(brest).toMatchObject({ name: 'Brest', inseeCode: '29019', departementCode: '29', population: 142346 });
    const locEnvel = await structureBySiren(t.handle.db, 'commune', '212201297');
    expect(locEnvel).toMatchObject({ name: 'Loc-Envel', inseeCode: '22129', population: 75, searchName: 'loc envel' });
    const metropole = await structureBySiren(t.handle.db, 'epci', '243500139');
    expect(metropole).toMatchObject({
      name: 'Rennes Métropole',
      epciNature: 'METRO',
      departementCode: '35',
      population: 473973,
    });
    // Cap Atlantique has its seat in Loire-Atlantique but three Breton member communes.
    const capAtlantique = await t.handle.db
      .select()
      .from(structures)
      .where(eq(structures.searchName, 'ca de la presqu ile de guerande atlantique cap atlantique'));
    expect(capAtlantique[0]?.departementCode).toBe('44');
  });

  it('gives the région and départements their real SIRENs and register SIRETs', async () => {
    const rows = await t.handle.db
      .select({
        kind: structures.kind,
        name: structures.name,
        siren: structures.siren,
        siret: establishments.siret,
        derived: establishments.derived,
        population: structures.population,
      })
      .from(structures)
      .innerJoin(establishments, eq(establishments.structureId, structures.id))
      .where(sql`${structures.kind} in ('region', 'departement', 'syndicat')`)
      .orderBy(structures.siren);
    expect(rows.map((r) => [r.siren, r.siret, r.derived])).toEqual([
      ['222200016', '22220001600327', false],
      ['222900011', '22290001100016', false],
      ['223500018', '22350001800013', false],
      ['225600014', '22560001400016', false],
      ['233500016', '23350001600040', false],
      ['253514491', '25351449100047', false],
    ]);
    const region = rows.find((r) => r.kind === 'region');
    const departements = rows.filter((r) => r.kind === 'departement');
    expect(region?.population).toBe(departements.reduce((sum, d) => sum + (d.population ?? 0), 0));
    expect(region?.population).toBeGreaterThan(3_000_000);
  });

  it('gives every structure one main establishment with a valid SIRET, derived from the SIREN when unknown', async () => {
    const rows = await t.handle.db
      .select({
        kind: structures.kind,
        siren: structures.siren,
        siret: establishments.siret,
        main: establishments.main,
        derived: establishments.derived,
      })
      .from(establishments)
      .innerJoin(structures, eq(structures.id, establishments.structureId));
    expect(rows).toHaveLength(1274);
    for (const row of rows) {
      expect(isValidSiret(row.siret), row.siret).toBe(true);
      expect(row.siret.slice(0, 9)).toBe(row.siren);
      expect(row.main).toBe(true);
      const known =
        row.kind === 'region' || row.kind === 'departement' || row.kind === 'syndicat' || row.kind === 'supplier';
      expect(row.derived, `${row.kind} ${row.siret}`).toBe(!known);
      if (row.derived) expect(row.siret.slice(9, 13)).toBe('0001');
    }
  });

  it('puts Rennes in Rennes Métropole, and every commune in at most one EPCI', async () => {
    const rennes = await structureBySiren(t.handle.db, 'commune', '213502388');
    const metropole = await structureBySiren(t.handle.db, 'epci', '243500139');
    const [membership] = await t.handle.db.select().from(epciMembers).where(eq(epciMembers.communeId, rennes.id));
    expect(membership?.epciId).toBe(metropole.id);
    const [members] = await t.handle.db
      .select({ n: count() })
      .from(epciMembers)
      .where(eq(epciMembers.epciId, metropole.id));
    expect(members?.n).toBe(43);
  });

  it('declares services and Chorus rules for the larger collectivities only', async () => {
    const rennes = await structureBySiren(t.handle.db, 'commune', '213502388');
    expect(rennes.serviceCodeRequired).toBe(true);
    const rennesServices = await t.handle.db.select().from(services).where(eq(services.structureId, rennes.id));
    expect(rennesServices.filter((s) => s.active).map((s) => s.code)).toEqual(
      expect.arrayContaining(['FIN', 'TECH', 'EDUC']),
    );
    expect(rennesServices.some((s) => !s.active)).toBe(true);
    expect(rennesServices.some((s) => s.engagementNumberRequired)).toBe(true);

    const locEnvel = await structureBySiren(t.handle.db, 'commune', '212201297');
    expect(await t.handle.db.select().from(services).where(eq(services.structureId, locEnvel.id))).toEqual([]);
    expect(locEnvel).toMatchObject({
      serviceCodeRequired: false,
      engagementNumberRequired: false,
      serviceCodeOrEngagementRequired: false,
    });

    const withServices = await t.handle.db.selectDistinct({ id: services.structureId }).from(services);
    expect(withServices.length).toBeGreaterThanOrEqual(15);
    const [flagged] = await t.handle.db
      .select({ n: count() })
      .from(structures)
      .where(sql`${structures.engagementNumberRequired} or ${structures.serviceCodeOrEngagementRequired}`);
    expect(flagged?.n).toBeGreaterThan(0);
  });

  it('holds the CHU de Rennes as a public hospital with its 50-day delay, active services and a derived SIRET', async () => {
    const [chu] = await t.handle.db
      .select()
      .from(structures)
      .where(and(eq(structures.kind, 'etablissement_public_sante'), eq(structures.siren, '263500076')));
    expect(chu).toMatchObject({ paymentDelayDays: 50, paymentDelayOverrideDays: null, demo: false });
    const [main] = await t.handle.db.select().from(establishments).where(eq(establishments.structureId, chu!.id));
    expect(main).toMatchObject({ siret: '26350007600017', derived: true, main: true });
    const chuServices = await t.handle.db.select().from(services).where(eq(services.structureId, chu!.id));
    expect(chuServices.filter((s) => s.active).map((s) => s.code)).toEqual(expect.arrayContaining(['ACHATS', 'DSN']));
    const [others] = await t.handle.db
      .select({ n: count() })
      .from(structures)
      .where(sql`${structures.kind} <> 'etablissement_public_sante' and ${structures.paymentDelayDays} <> 30`);
    expect(others?.n).toBe(0);
  });

  it('marks the demo suppliers as demo, with a French VAT number', async () => {
    const suppliers = await t.handle.db.select().from(structures).where(eq(structures.kind, 'supplier'));
    expect(suppliers).toHaveLength(4);
    for (const s of suppliers) {
      expect(s.demo).toBe(true);
      expect(s.vatNumber).toMatch(new RegExp(`^FR[0-9]{2}${s.siren}$`));
    }
    const [realDemo] = await t.handle.db
      .select({ n: count() })
      .from(structures)
      .where(sql`${structures.demo} and ${structures.kind} <> 'supplier'`);
    expect(realDemo?.n).toBe(0);
  });

  it('is idempotent: a second run writes nothing and duplicates nothing', async () => {
    const before = await tableSizes(t.handle.db);
    const [stamp] = await t.handle.db.select({ max: sql<string>`max(${structures.updatedAt})::text` }).from(structures);
    const second = await seedDirectory(t.handle.db);
    expect(second.written).toBe(0);
    expect({ ...second, written: first.written }).toEqual(first);
    expect(await tableSizes(t.handle.db)).toEqual(before);
    const [after] = await t.handle.db.select({ max: sql<string>`max(${structures.updatedAt})::text` }).from(structures);
    expect(after?.max).toBe(stamp?.max);
  });

  it('refreshes public data that changed, and leaves routing settings the operator owns', async () => {
    const rennes = await structureBySiren(t.handle.db, 'commune', '213502388');
    await t.handle.db
      .update(structures)
      .set({ population: 1, name: 'Renne', serviceCodeRequired: false })
      .where(eq(structures.id, rennes.id));
    const run = await seedDirectory(t.handle.db);
    expect(run.written).toBe(1);
    const after = await structureBySiren(t.handle.db, 'commune', '213502388');
    expect(after).toMatchObject({ id: rennes.id, population: 230890, name: 'Rennes', serviceCodeRequired: false });
  });

  it('keeps a main SIRET the operator corrected instead of adding the derived one again', async () => {
    const brest = await structureBySiren(t.handle.db, 'commune', '212900195');
    await t.handle.db
      .update(establishments)
      .set({ siret: '21290019500026', derived: false })
      .where(and(eq(establishments.structureId, brest.id), eq(establishments.main, true)));
    const run = await seedDirectory(t.handle.db);
    expect(run.written).toBe(0);
    const rows = await t.handle.db.select().from(establishments).where(eq(establishments.structureId, brest.id));
    expect(rows.map((r) => [r.siret, r.main, r.derived])).toEqual([['21290019500026', true, false]]);
  });

  it('survives two seeds started together', async () => {
    const [a, b] = await Promise.all([seedDirectory(t.handle.db), seedDirectory(t.handle.db)]);
    expect(a.written + b.written).toBe(0);
    expect(await countsByKind(t.handle.db)).toEqual({
      region: 1,
      departement: 4,
      epci: 61,
      commune: 1202,
      syndicat: 1,
      etablissement_public_sante: 1,
      supplier: 4,
    });
  });
});
