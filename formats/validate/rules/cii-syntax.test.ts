import { describe, expect, it } from 'vitest';
import { cii } from '../testing/builders.ts';
import { check, fatalIds } from '../testing/run.ts';

describe('CII syntax rules (CII-SR, CII-DT)', () => {
  it('accepts the baseline without syntax findings', () => {
    expect(check(cii()).filter((v) => v.rule.startsWith('CII-'))).toEqual([]);
  });

  it('CII-SR: elements outside EN 16931 are reported as warnings', () => {
    const xml = cii().replace(
      '<ram:Name>Article</ram:Name>',
      '<ram:Name>Article</ram:Name><ram:TradeName>x</ram:TradeName>',
    );
    const v = check(xml).filter((x) => x.rule.startsWith('CII-SR'));
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.severity === 'warning')).toBe(true);
  });

  it('CII-DT-097: a format 102 date is written YYYYMMDD', () => {
    const xml = cii().replace(
      '<udt:DateTimeString format="102">20260301',
      '<udt:DateTimeString format="102">2026-03-01',
    );
    expect(fatalIds(xml)).toContain('CII-DT-097');
  });

  it('CII-DT-101: scheme name on an identifier', () => {
    const xml = cii().replace(
      '<ram:ID schemeID="0002">123456789</ram:ID>',
      '<ram:ID schemeID="0002" schemeName="SIREN">123456789</ram:ID>',
    );
    expect(fatalIds(xml)).toContain('CII-DT-101');
  });

  it('CII-DT-005: no scheme identifier on identifiers that take none (line id)', () => {
    const xml = cii().replace('<ram:LineID>1</ram:LineID>', '<ram:LineID schemeID="X">1</ram:LineID>');
    expect(fatalIds(xml)).toContain('CII-DT-005');
  });
});
