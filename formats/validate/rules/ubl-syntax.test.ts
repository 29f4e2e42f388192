import { describe, expect, it } from 'vitest';
import { ubl } from '../testing/builders.ts';
import { check, fatalIds } from '../testing/run.ts';

describe('UBL syntax rules (UBL-SR, UBL-CR, UBL-DT)', () => {
  it('UBL-SR-08: one invoicing period', () => {
    const header =
      '<cac:InvoicePeriod><cbc:StartDate>2026-01-01</cbc:StartDate></cac:InvoicePeriod><cac:InvoicePeriod><cbc:StartDate>2026-02-01</cbc:StartDate></cac:InvoicePeriod>';
    expect(fatalIds(ubl({ header }))).toContain('UBL-SR-08');
  });

  it('UBL-SR-47: payment means share one code', () => {
    const afterParties =
      '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode></cac:PaymentMeans>';
    expect(fatalIds(ubl({ afterParties }))).toContain('UBL-SR-47');
  });

  it('UBL-CR: elements outside EN 16931 are warnings', () => {
    const header = '<cbc:CopyIndicator>false</cbc:CopyIndicator>';
    const xml = ubl().replace('<cbc:ID>F-2026-001</cbc:ID>', `<cbc:ID>F-2026-001</cbc:ID>${header}`);
    const v = check(xml).filter((x) => x.rule.startsWith('UBL-CR'));
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.severity === 'warning')).toBe(true);
    expect(fatalIds(xml)).toEqual([]);
  });

  it('UBL-DT-08: forbidden attributes are warnings', () => {
    const xml = ubl().replace('<cbc:EndpointID schemeID="0009">', '<cbc:EndpointID schemeID="0009" schemeName="x">');
    const v = check(xml).find((x) => x.rule === 'UBL-DT-08');
    expect(v?.severity).toBe('warning');
    expect(v?.path).toMatch(/@schemeName$/);
  });

  it('UBL-DT-01: amounts with more than two decimals are fatal', () => {
    expect(fatalIds(ubl({ totals: { payable: '120.001' } }))).toContain('UBL-DT-01');
  });
});
