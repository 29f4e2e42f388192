import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { check } from '../testing/run.ts';

const xsd = (xml: string): string[] =>
  check(xml)
    .filter((v) => v.rule.endsWith('-XSD'))
    .map((v) => v.message);

describe('schema-level checks (UBL-XSD, CII-XSD)', () => {
  it('accepts the baselines', () => {
    expect(xsd(ubl())).toEqual([]);
    expect(xsd(cii())).toEqual([]);
  });

  it('UBL: a non-decimal amount', () => {
    expect(xsd(ubl({ totals: { payable: '12O.00' } })).length).toBeGreaterThan(0);
  });

  it('UBL: an element out of order in the invoice', () => {
    const xml = ubl()
      .replace('<cbc:IssueDate>2026-03-01</cbc:IssueDate>', '')
      .replace('</cbc:DocumentCurrencyCode>', '</cbc:DocumentCurrencyCode><cbc:IssueDate>2026-03-01</cbc:IssueDate>');
    expect(xsd(xml).length).toBeGreaterThan(0);
  });

  it('CII: a non-decimal amount', () => {
    const summation =
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>100,00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount><ram:DuePayableAmount>120.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
    expect(xsd(cii({ summation })).length).toBeGreaterThan(0);
  });

  it('CII: an unknown element in a key aggregate', () => {
    const xml = cii().replace(
      '<ram:TypeCode>380</ram:TypeCode>',
      '<ram:TypeCode>380</ram:TypeCode><ram:Bogus>1</ram:Bogus>',
    );
    expect(xsd(xml).length).toBeGreaterThan(0);
  });

  it('findings are fatal', () => {
    const v = check(ubl({ totals: { payable: 'abc' } })).filter((x) => x.rule === 'UBL-XSD');
    expect(v.every((x) => x.severity === 'fatal')).toBe(true);
  });
});
