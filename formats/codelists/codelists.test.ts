import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as lists from './index.ts';

describe('EN 16931 code lists', () => {
  it('every list is a non-empty set of trimmed codes without spaces', () => {
    for (const [name, value] of Object.entries(lists)) {
      if (!(value instanceof Set)) continue;
      expect(value.size, name).toBeGreaterThan(0);
      for (const code of value as Set<string>) expect(code, name).toMatch(/^\S+$/);
    }
  });

  it('every data module names its source in a header comment', () => {
    const dir = new URL('.', import.meta.url);
    for (const f of readdirSync(dir).filter(
      (n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && n !== 'index.ts' && n !== 'source.ts',
    )) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text.startsWith('/**'), f).toBe(true);
      expect(text.slice(0, 400), f).toMatch(/Source:|source/);
    }
  });

  it('spot checks of well-known values', () => {
    expect(lists.ISO4217.has('EUR')).toBe(true);
    expect(lists.ISO4217.has('FRF')).toBe(false);
    expect(lists.ISO3166_UBL.has('FR')).toBe(true);
    expect(lists.VAT_PREFIX_UBL.has('EL')).toBe(true);
    expect(lists.ISO3166_UBL.has('EL')).toBe(false);
    expect(lists.UNCL1001_INVOICE.has('380')).toBe(true);
    expect(lists.UNCL1001_CREDIT_NOTE.has('381')).toBe(true);
    expect(lists.UNCL1001_CII.has('381')).toBe(true);
    expect(lists.UNCL5305.has('AE')).toBe(true);
    expect(lists.UNCL5305.has('X')).toBe(false);
    expect(lists.REC20_REC21.has('C62')).toBe(true);
    expect(lists.REC20_REC21.has('XPP')).toBe(true);
    expect(lists.EAS.has('0009')).toBe(true);
    expect(lists.EAS.has('0225')).toBe(true);
    expect(lists.ISO6523_ICD.has('0002')).toBe(true);
    expect(lists.ISO6523_ICD.has('0009')).toBe(true);
    expect(lists.UNCL4461.has('30')).toBe(true);
    expect(lists.UNCL4461.has('58')).toBe(true);
    expect(lists.VATEX.has('VATEX-EU-AE')).toBe(true);
    expect(lists.MIME_CODES.has('application/pdf')).toBe(true);
    expect(lists.MIME_CODES.has('text/html')).toBe(false);
  });
});
