import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { fatalIds } from '../testing/run.ts';

describe('decimal rules (BR-DEC-*)', () => {
  it('amounts have at most two decimals (UBL: UBL-DT-01 and BR-DEC)', () => {
    const ids = fatalIds(ubl({ lines: [{ net: '100.000', price: '100.00' }], totals: { line: '100.000' } }));
    expect(ids).toContain('BR-DEC-23');
  });

  it('invoice totals with three decimals', () => {
    const ids = fatalIds(ubl({ totals: { payable: '120.000' } }));
    expect(ids).toContain('BR-DEC-18');
  });

  it('CII: line net amount with three decimals', () => {
    const summation =
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>100.000</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount><ram:DuePayableAmount>120.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
    expect(fatalIds(cii({ summation }))).toContain('BR-DEC-09');
  });

  it('accepts unit prices with more decimals', () => {
    expect(fatalIds(ubl({ lines: [{ qty: '3', net: '100.00', price: '33.3333' }] }))).toEqual([]);
  });
});
