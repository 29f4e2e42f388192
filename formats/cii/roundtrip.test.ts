import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoice, normalize } from '../model/testing/arbitraries.ts';
import { asCii } from '../model/testing/forms.ts';
import { parseXml } from '../xml/parse.ts';
import { readCii } from './read.ts';
import { ciiGrossPrice, writeCii } from './write.ts';

describe('CII round trips', () => {
  it('model → CII → model keeps every business term', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        const back = readCii(parseXml(writeCii(inv))).invoice;
        expect(normalize(back)).toEqual(normalize(asCii(inv)));
      }),
      { numRuns: 300 },
    );
  });

  it('derives the gross price CII requires next to a price discount (BT-148 = BT-146 + BT-147)', () => {
    expect(ciiGrossPrice({ netPrice: '9.50', discount: '0.5' })).toBe('10.00');
    expect(ciiGrossPrice({ netPrice: '9', discount: '1.125' })).toBe('10.125');
    expect(ciiGrossPrice({ netPrice: '9', discount: '1', grossPrice: '12' })).toBe('12');
    expect(ciiGrossPrice({ discount: '1' })).toBeUndefined();
    expect(ciiGrossPrice({ netPrice: '9' })).toBeUndefined();
    const xml = writeCii({
      ...inv0(),
      lines: [
        {
          id: '1',
          allowances: [],
          charges: [],
          price: { netPrice: '95.00', discount: '5.00' },
          vat: {},
          item: { classificationIds: [], attributes: [] },
        },
      ],
    } as never);
    expect(xml).toMatch(
      /<ram:GrossPriceProductTradePrice>\s*<ram:ChargeAmount>100.00<\/ram:ChargeAmount>\s*<ram:AppliedTradeAllowanceCharge>/,
    );
  });

  it('writes BT-8 with the UNTDID 2475 codes CII uses', () => {
    fc.assert(
      fc.property(invoice, fc.constantFrom(['3', '5'], ['35', '29'], ['432', '72']), (inv, [model, cii]) => {
        const xml = writeCii({ ...inv, vatPointDateCode: model });
        expect(xml).toContain(`<ram:DueDateTypeCode>${cii}</ram:DueDateTypeCode>`);
      }),
      { numRuns: 20 },
    );
  });

  it('writes dates in format 102 and amounts without currencyID except tax totals', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        const xml = writeCii(inv);
        expect(xml).not.toMatch(/DateTimeString format="102">\d{4}-/);
        for (const m of xml.matchAll(/<ram:(\w+) currencyID=/g)) expect(m[1]).toBe('TaxTotalAmount');
      }),
      { numRuns: 50 },
    );
  });
});

function inv0() {
  return {
    notes: [],
    processControl: {},
    precedingInvoices: [],
    seller: { identifiers: [], postalAddress: {} },
    buyer: { postalAddress: {} },
    allowances: [],
    charges: [],
    totals: {},
    vatBreakdown: [],
    additionalDocuments: [],
    lines: [],
  };
}
