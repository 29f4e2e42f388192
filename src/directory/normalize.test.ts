import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './normalize.ts';

describe('normalizeForSearch', () => {
  it('lowercases, strips accents and turns punctuation into single spaces', () => {
    expect(normalizeForSearch("Côtes-d'Armor")).toBe('cotes d armor');
    expect(normalizeForSearch('  Île-de-Bréhat ')).toBe('ile de brehat');
    expect(normalizeForSearch('CA Golfe du Morbihan - Vannes Agglomération')).toBe(
      'ca golfe du morbihan vannes agglomeration',
    );
    expect(normalizeForSearch('Systèmes d’information')).toBe('systemes d information');
  });

  it('expands ligatures', () => {
    expect(normalizeForSearch('Œuvre Cœur')).toBe('oeuvre coeur');
  });

  it('gives the same form for a name typed without accents', () => {
    expect(normalizeForSearch('plougastel daoulas')).toBe(normalizeForSearch('Plougastel-Daoulas'));
  });

  it('writes out the abbreviations of saints, whatever the hyphens and case', () => {
    expect(normalizeForSearch('st malo')).toBe(normalizeForSearch('Saint-Malo'));
    expect(normalizeForSearch('ST-BRIEUC')).toBe('saint brieuc');
    expect(normalizeForSearch('Ste Anne d’Auray')).toBe(normalizeForSearch('Sainte-Anne-d’Auray'));
    expect(normalizeForSearch('Stade de Brest')).toBe('stade de brest');
  });
});
