import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TERMS, termLabel } from './terms.ts';

const ids = [
  ...Array.from({ length: 165 }, (_, k) => `BT-${k + 1}`).filter((id) => id !== 'BT-4'),
  ...Array.from({ length: 32 }, (_, k) => `BG-${k + 1}`),
];

describe('terms', () => {
  it('labels every business term and group of EN 16931', () => {
    for (const id of ids) expect([id, TERMS.has(id)]).toEqual([id, true]);
    expect(TERMS.get('BT-112')).toEqual({ en: 'Invoice total amount with VAT', fr: 'Montant total TTC' });
  });

  it('formats labels for messages, also from location keys', () => {
    expect(termLabel('BT-112')).toBe('Montant total TTC (BT-112)');
    expect(termLabel('BG-25[2]/BT-131')).toBe('Montant net de la ligne de facture (BT-131)');
    expect(termLabel('BG-25[3]')).toBe('Ligne de facture (BG-25)');
    expect(termLabel('XX-1')).toBe('XX-1');
  });

  it('the model documents every business term exactly once, with its official name', () => {
    const src = readFileSync(new URL('./invoice.ts', import.meta.url), 'utf8');
    for (const id of ids.filter((i) => i.startsWith('BT-'))) {
      const name = TERMS.get(id)?.en ?? '';
      const count = src.split(`/** ${id} ${name} (`).length - 1;
      expect([id, count]).toEqual([id, 1]);
    }
    for (const id of ids.filter((i) => i.startsWith('BG-'))) {
      expect([id, src.includes(`/** ${id} ${TERMS.get(id)?.en ?? ''}`)]).toEqual([id, true]);
    }
  });
});
