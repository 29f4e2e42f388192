// The form's totals against the EN 16931 calculation rules: each case computed here by hand.
import { describe, expect, it } from 'vitest';
import { emptyLineInput, type FormAdjustment, type FormLine } from './form-data.ts';
import { computeTotals, parseFrenchNumber } from './totals.ts';

const line = (over: Partial<FormLine>): FormLine => ({ ...emptyLineInput(), description: 'x', ...over });
const adj = (over: Partial<FormAdjustment>): FormAdjustment => ({
  kind: 'allowance',
  reason: 'r',
  amount: '0',
  vat: 'S:20',
  ...over,
});
const totals = (lines: FormLine[], adjustments: FormAdjustment[] = [], paidAmount = '') =>
  computeTotals({ lines, adjustments, paidAmount });

describe('computeTotals', () => {
  it('reads numbers as a French person types them', () => {
    expect(parseFrenchNumber('1 234,50')?.toFixed()).toBe('1234.5');
    expect(parseFrenchNumber('1\u202f234.5')?.toFixed()).toBe('1234.5');
    expect(parseFrenchNumber('12,3,4')).toBeUndefined();
    expect(parseFrenchNumber('1e3')).toBeUndefined();
  });

  it('rounds each line net to 2 decimals before summing (BT-131, BR-CO-10)', () => {
    // 3 × 0.335 = 1.005 → 1.01 (half up); 7 × 1.0049 = 7.0343 → 7.03. Summing unrounded would give 8.0393 → 8.04.
    const { totals: t, errors } = totals([
      line({ quantity: '3', unitPrice: '0,335' }),
      line({ quantity: '7', unitPrice: '1.0049' }),
    ]);
    expect(errors).toEqual([]);
    expect(t.lines.map((l) => l.net)).toEqual(['1.01', '7.03']);
    expect(t.lineNet).toBe('8.04');
    // 1.01 + 7.03 = 8.04; VAT 20 % of 8.04 = 1.608 → 1.61.
    expect(t.vat).toEqual([{ category: 'S', rate: '20', taxable: '8.04', tax: '1.61' }]);
    expect(t.withVat).toBe('9.65');
  });

  it('computes VAT per category and rate on the summed taxable amount, not per line (BR-CO-17, BR-S-08)', () => {
    // Per line: 0.05 × 20 % = 0.01 each, 3 lines = 0.03. On the sum: 0.15 × 20 % = 0.03. With 0.07: 0.014 → 0.01 per
    // line (0.03 for three), but 0.21 × 20 % = 0.042 → 0.04 on the sum, which is what EN 16931 requires.
    const { totals: t } = totals([
      line({ unitPrice: '0.07' }),
      line({ unitPrice: '0.07' }),
      line({ unitPrice: '0.07' }),
      line({ unitPrice: '10', vat: 'S:5.5' }),
      line({ unitPrice: '3.33', vat: 'E:0' }),
    ]);
    expect(t.vat).toEqual([
      { category: 'S', rate: '20', taxable: '0.21', tax: '0.04' },
      { category: 'S', rate: '5.5', taxable: '10.00', tax: '0.55' },
      { category: 'E', rate: '0', taxable: '3.33', tax: '0.00' },
    ]);
    expect(t.vatTotal).toBe('0.59'); // BR-CO-14
    expect(t.withoutVat).toBe('13.54');
    expect(t.withVat).toBe('14.13'); // BR-CO-15
  });

  it('applies document allowances and charges to their VAT group (BR-CO-11, 12, 13)', () => {
    const { totals: t } = totals(
      [line({ quantity: '2', unitPrice: '500' }), line({ quantity: '1', unitPrice: '200', vat: 'S:10' })],
      [
        adj({ kind: 'allowance', amount: '50', vat: 'S:20', reason: 'Remise fidélité' }),
        adj({ kind: 'charge', amount: '30,00', vat: 'S:10', reason: 'Déplacement' }),
      ],
    );
    expect(t.lineNet).toBe('1200.00');
    expect(t.allowances).toBe('50.00');
    expect(t.charges).toBe('30.00');
    expect(t.withoutVat).toBe('1180.00'); // 1200 − 50 + 30
    expect(t.vat).toEqual([
      { category: 'S', rate: '20', taxable: '950.00', tax: '190.00' },
      { category: 'S', rate: '10', taxable: '230.00', tax: '23.00' },
    ]);
    expect(t.withVat).toBe('1393.00');
  });

  it('takes a line discount in percent off the line net (BG-27)', () => {
    // 3 h × 45.50 = 136.50; 15 % = 20.475 → 20.48; net 116.02.
    const { totals: t } = totals([line({ quantity: '3', unit: 'HUR', unitPrice: '45,50', discountPercent: '15' })]);
    expect(t.lines[0]).toMatchObject({ gross: '136.50', discountAmount: '20.48', net: '116.02' });
    expect(t.vat[0]).toMatchObject({ taxable: '116.02', tax: '23.20' }); // 23.204
  });

  it('deducts a deposit already paid from the amount due (BR-CO-16)', () => {
    const { totals: t, errors } = totals([line({ unitPrice: '1000' })], [], '300');
    expect(errors).toEqual([]);
    expect(t.withVat).toBe('1200.00');
    expect(t.paid).toBe('300.00');
    expect(t.due).toBe('900.00');
  });

  it('ignores blank rows, keeping the field names of the rows typed', () => {
    const blank = { ...emptyLineInput() };
    const { totals: t, errors } = totals(
      [line({ unitPrice: '10' }), blank, line({ quantity: 'x', unitPrice: '5' })],
      [adj({ amount: '', reason: '' })],
    );
    expect(t.lines.map((l) => l.index)).toEqual([0, 2]);
    expect(t.adjustments).toEqual([]);
    expect(errors.map((e) => e.field)).toEqual(['line2.quantity']);
  });

  it('names the field of every unusable value', () => {
    const { errors } = totals(
      [line({ quantity: 'deux', unitPrice: '-5' }), line({ unitPrice: '1', discountPercent: '120', vat: 'X' })],
      [adj({ amount: '1.234' })],
      '99999',
    );
    expect(errors.map((e) => e.field)).toEqual([
      'line0.quantity',
      'line0.unitPrice',
      'line1.vat',
      'line1.discountPercent',
      'adj0.amount',
      'paidAmount',
    ]);
    expect(errors[0]!.message).toBe('Ligne 1, quantité : « deux » n’est pas un nombre (exemple : 1 234,50).');
  });
});
