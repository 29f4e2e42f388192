import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { check, fatalIds } from '../testing/run.ts';

describe('calculation rules (BR-CO-*)', () => {
  it('BR-CO-10: sum of line net amounts', () => {
    expect(fatalIds(ubl({ totals: { line: '90.00' } }))).toContain('BR-CO-10');
  });

  it('BR-CO-13: total without VAT', () => {
    expect(fatalIds(ubl({ totals: { exclusive: '110.00', inclusive: '130.00', payable: '130.00' } }))).toContain(
      'BR-CO-13',
    );
  });

  it('BR-CO-15: total with VAT = total without VAT + VAT', () => {
    expect(fatalIds(ubl({ totals: { inclusive: '121.00', payable: '121.00' } }))).toContain('BR-CO-15');
  });

  it('BR-CO-16: amount due = total with VAT - prepaid + rounding', () => {
    expect(fatalIds(ubl({ totals: { payable: '100.00' } }))).toContain('BR-CO-16');
    expect(fatalIds(ubl({ totals: { prepaid: '20.00', payable: '100.00' } }))).toEqual([]);
  });

  it('BR-CO-17: category tax = taxable × rate, rounded to 2 decimals', () => {
    const ids = fatalIds(
      ubl({ breakdowns: [['S', '20', '100.00', '21.00']], totals: { inclusive: '121.00', payable: '121.00' } }),
    );
    expect(ids).toContain('BR-CO-17');
  });

  it('BR-CO-17 tolerates the half-up rounding of the standard', () => {
    const lines = [{ net: '0.25', price: '0.25' }];
    // 0.25 × 5.5 % = 0.01375 → 0.01
    const xml = ubl({
      lines: lines.map((l) => ({ ...l, rate: '5.5' })),
      breakdowns: [['S', '5.5', '0.25', '0.01']],
      totals: { line: '0.25', exclusive: '0.25', inclusive: '0.26', payable: '0.26' },
    });
    expect(fatalIds(xml)).toEqual([]);
  });

  it('works the same in CII', () => {
    const summation =
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>90.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount><ram:DuePayableAmount>120.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
    expect(fatalIds(cii({ summation }))).toContain('BR-CO-10');
  });

  it('gives the amount found and the amount the rule computes, as decimal strings', () => {
    const found = (xml: string, rule: string) => check(xml).find((v) => v.rule === rule)?.amounts;
    expect(found(ubl({ totals: { line: '90.00' } }), 'BR-CO-10')).toEqual({ found: '90.00', expected: '100.00' });
    expect(found(ubl({ totals: { inclusive: '121.00', payable: '121.00' } }), 'BR-CO-15')).toEqual({
      found: '121.00',
      expected: '120.00',
    });
    expect(found(ubl({ totals: { payable: '100.00' } }), 'BR-CO-16')).toEqual({ found: '100.00', expected: '120.00' });
    const vat = ubl({
      breakdowns: [['S', '20', '100.00', '21.00']],
      totals: { inclusive: '121.00', payable: '121.00' },
    });
    expect(found(vat, 'BR-CO-17')).toEqual({ found: '21.00', expected: '20.00' });
    const summation =
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">25.00</ram:TaxTotalAmount><ram:GrandTotalAmount>125.00</ram:GrandTotalAmount><ram:DuePayableAmount>125.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
    expect(found(cii({ summation }), 'BR-CO-14')).toEqual({ found: '25.00', expected: '20.00' });
    // A rule that is not a sum carries no amounts.
    expect(check(ubl({ totals: { line: '90.00' } })).filter((v) => v.amounts && !v.rule.startsWith('BR-CO-'))).toEqual(
      [],
    );
  });
});
