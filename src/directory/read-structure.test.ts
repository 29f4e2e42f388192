import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { listEpciMembers, listServices } from './lists.ts';
import { findStructureBySiren, findStructureBySiret, getStructure } from './read-structure.ts';
import { DEMO_SUPPLIER_BREIZH_TRAVAUX } from './seed/demo-suppliers.ts';

const t = useTestDatabase();

describe('findStructureBySiret', () => {
  it('finds Rennes by its derived main SIRET, with flags, services and EPCI', async () => {
    const rennes = await findStructureBySiret(t.handle.db, '21350238800019');
    expect(rennes).toMatchObject({
      kind: 'commune',
      name: 'Rennes',
      siren: '213502388',
      siret: '21350238800019',
      inseeCode: '35238',
      chorus: {
        serviceCodeRequired: true,
        engagementNumberRequired: false,
        serviceCodeOrEngagementRequired: false,
        receivesThroughChorus: true,
      },
      establishment: { siret: '21350238800019', main: true, derived: true },
      epci: { name: 'Rennes Métropole', siren: '243500139' },
      memberCount: null,
    });
    expect(rennes?.services.filter((s) => s.active).length).toBeGreaterThan(0);
    expect(rennes?.services.map((s) => s.code)).toEqual([...(rennes?.services.map((s) => s.code) ?? [])].sort());
  });

  it('accepts spaces in the SIRET, and answers null for unknown or invalid SIRETs', async () => {
    expect((await findStructureBySiret(t.handle.db, '233 500 016 00040'))?.name).toBe('Région Bretagne');
    expect(await findStructureBySiret(t.handle.db, '21350238800027')).toBeNull(); // valid, not in the directory
    expect(await findStructureBySiret(t.handle.db, '21350238800010')).toBeNull(); // bad key
    expect(await findStructureBySiret(t.handle.db, 'abc')).toBeNull();
  });

  it('finds a demo supplier by its SIRET', async () => {
    const supplier = await findStructureBySiret(t.handle.db, DEMO_SUPPLIER_BREIZH_TRAVAUX.siret);
    expect(supplier).toMatchObject({
      kind: 'supplier',
      name: DEMO_SUPPLIER_BREIZH_TRAVAUX.name,
      demo: true,
      services: [],
    });
  });
});

describe('findStructureBySiren and getStructure', () => {
  it('finds the Finistère département with its Chorus rules', async () => {
    const finistere = await findStructureBySiren(t.handle.db, '222900011');
    expect(finistere).toMatchObject({
      kind: 'departement',
      name: 'Département du Finistère',
      siret: '22290001100016',
      chorus: { engagementNumberRequired: true },
      epci: null,
    });
    expect(finistere?.establishments).toEqual([
      expect.objectContaining({ siret: '22290001100016', main: true, derived: false }),
    ]);
  });

  it('filters by kind and refuses malformed SIRENs', async () => {
    expect(await findStructureBySiren(t.handle.db, '213502388', 'epci')).toBeNull();
    expect((await findStructureBySiren(t.handle.db, '213502388', 'commune'))?.name).toBe('Rennes');
    expect(await findStructureBySiren(t.handle.db, '213502389')).toBeNull();
  });

  it('reads an EPCI with its member count, and answers null for unknown or malformed ids', async () => {
    const metropole = await findStructureBySiren(t.handle.db, '243500139');
    expect(metropole).not.toBeNull();
    const again = await getStructure(t.handle.db, metropole!.id);
    expect(again).toEqual(metropole);
    expect(again).toMatchObject({ kind: 'epci', epciNature: 'METRO', memberCount: 43 });
    expect(await getStructure(t.handle.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getStructure(t.handle.db, 'not-a-uuid')).toBeNull();
  });
});

describe('listServices and listEpciMembers', () => {
  it('lists every service of a structure by code, inactive ones included', async () => {
    const rennes = await findStructureBySiren(t.handle.db, '213502388');
    const list = await listServices(t.handle.db, rennes!.id);
    expect(list).toEqual(rennes!.services);
    expect(list.find((s) => s.code === 'DPB')).toMatchObject({ active: false });
    expect(list.find((s) => s.code === 'TECH')).toMatchObject({ active: true, engagementNumberRequired: true });
    expect(await listServices(t.handle.db, 'nope')).toEqual([]);
  });

  it('lists the Breton member communes of an EPCI by name', async () => {
    const metropole = await findStructureBySiren(t.handle.db, '243500139');
    const members = await listEpciMembers(t.handle.db, metropole!.id);
    expect(members).toHaveLength(43);
    expect(members.map((m) => m.name)).toContain('Rennes');
    expect(members.map((m) => m.name)).toContain('Cesson-Sévigné');
    expect(members.every((m) => m.kind === 'commune' && m.departementCode === '35' && m.siret !== null)).toBe(true);
    expect(members[0]?.name).toBe('Acigné');
  });

  it('lists only the Breton members of an EPCI straddling the région boundary', async () => {
    const redon = await findStructureBySiren(t.handle.db, '243500741');
    expect(redon?.name).toBe('CA Redon Agglomération');
    const members = await listEpciMembers(t.handle.db, redon!.id);
    expect(members.length).toBe(redon!.memberCount);
    expect(members.every((m) => ['35', '56'].includes(m.departementCode ?? ''))).toBe(true);
  });
});
