import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { fatalIds } from '../testing/run.ts';

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
});
