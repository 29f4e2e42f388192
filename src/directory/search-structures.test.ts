import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { searchStructures } from './search-structures.ts';

const t = useTestDatabase();

describe('searchStructures', () => {
  it('finds a commune by its name typed without accents, hyphens or capitals', async () => {
    const result = await searchStructures(t.handle.db, { q: 'cesson sevigne' });
    expect(result.items.map((s) => s.name)).toEqual(['Cesson-Sévigné']);
    expect(result.total).toBe(1);
    const brehat = await searchStructures(t.handle.db, { q: 'ILE DE BREHAT' });
    expect(brehat.items[0]).toMatchObject({ name: 'Île-de-Bréhat', kind: 'commune', departementCode: '22' });
  });

  it('ranks the exact name first, then names starting with the query', async () => {
    const result = await searchStructures(t.handle.db, { q: 'Rennes' });
    expect(result.items[0]).toMatchObject({ name: 'Rennes', kind: 'commune' });
    expect(result.items[1]).toMatchObject({ name: 'Rennes Métropole', kind: 'epci' });
    expect(result.total).toBeGreaterThanOrEqual(2);
  });

  it('finds by SIREN, SIRET (spaces allowed) and INSEE code', async () => {
    expect((await searchStructures(t.handle.db, { q: '213502388' })).items.map((s) => s.name)).toEqual(['Rennes']);
    expect((await searchStructures(t.handle.db, { q: '222 900 011 00016' })).items.map((s) => s.name)).toEqual([
      'Département du Finistère',
    ]);
    expect((await searchStructures(t.handle.db, { q: '29019' })).items.map((s) => s.name)).toEqual(['Brest']);
    expect((await searchStructures(t.handle.db, { q: '99999999999999' })).total).toBe(0);
  });

  it('filters by kind and département, and pages', async () => {
    const all = await searchStructures(t.handle.db, { kind: 'commune', departement: '56', limit: 100 });
    expect(all.total).toBe(249);
    expect(all.items).toHaveLength(100);
    expect(all.items.every((s) => s.kind === 'commune' && s.departementCode === '56')).toBe(true);
    // Without a text query, the largest come first.
    expect(all.items[0]?.name).toBe('Lorient');
    const page3 = await searchStructures(t.handle.db, { kind: 'commune', departement: '56', limit: 100, offset: 200 });
    expect(page3.items).toHaveLength(49);
    const ids = new Set([...all.items, ...page3.items].map((s) => s.id));
    expect(ids.size).toBe(149);

    const epcis = await searchStructures(t.handle.db, { kind: 'epci', limit: 100 });
    expect(epcis.total).toBe(61);
    expect(epcis.items.every((s) => s.epciNature !== null)).toBe(true);
  });

  it('clamps the limit and ignores a query without letters or digits', async () => {
    const result = await searchStructures(t.handle.db, { q: ' -- ', limit: 1000 });
    expect(result.limit).toBe(100);
    expect(result.total).toBe(1274);
    expect(result.items[0]).toMatchObject({ kind: 'region', name: 'Région Bretagne' });
  });

  it('treats LIKE wildcards as ordinary characters', async () => {
    expect((await searchStructures(t.handle.db, { q: '%' })).total).toBe(1274);
    expect((await searchStructures(t.handle.db, { q: 'ren_es' })).total).toBe(0);
  });

  it('finds Saint-Malo from "st malo", "ST-MALO" or "saint malo"', async () => {
    for (const q of ['st malo', 'ST-MALO', 'saint malo', 'Saint Malo']) {
      const found = await searchStructures(t.handle.db, { q, kind: 'commune' });
      expect(found.items[0]?.name, q).toBe('Saint-Malo');
    }
  });
});
