import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoice, normalize } from '../model/testing/arbitraries.ts';
import { asCii } from '../model/testing/forms.ts';
import { parseXml } from '../xml/parse.ts';
import { readCii } from './read.ts';
import { writeCii } from './write.ts';

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
