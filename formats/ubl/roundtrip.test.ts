import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCii } from '../cii/read.ts';
import { writeCii } from '../cii/write.ts';
import { ciiOrder, invoice, normalize } from '../model/testing/arbitraries.ts';
import { parseXml } from '../xml/parse.ts';
import { readUbl } from './read.ts';
import { writeUbl } from './write.ts';

const viaUbl = (inv: Parameters<typeof writeUbl>[0], opts?: Parameters<typeof writeUbl>[1]) => readUbl(parseXml(writeUbl(inv, opts))).invoice;

describe('UBL round trips', () => {
  it('model → UBL → model keeps every business term', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        expect(normalize(viaUbl(inv))).toEqual(normalize(inv));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every business term whichever root (Invoice or CreditNote) is written', () => {
    fc.assert(
      fc.property(invoice, fc.constantFrom('Invoice' as const, 'CreditNote' as const), (inv, documentType) => {
        expect(normalize(viaUbl(inv, { documentType }))).toEqual(normalize(inv));
      }),
      { numRuns: 150 },
    );
  });

  it('UBL → CII → UBL keeps every business term', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        const fromUbl = readUbl(parseXml(writeUbl(inv))).invoice;
        const viaCii = readCii(parseXml(writeCii(fromUbl))).invoice;
        const back = viaUbl(viaCii);
        expect(normalize(back)).toEqual(normalize(ciiOrder(fromUbl)));
      }),
      { numRuns: 200 },
    );
  });

  it('writes deterministically and escapes markup', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        expect(writeUbl(inv)).toBe(writeUbl(structuredClone(inv)));
      }),
      { numRuns: 30 },
    );
    const xml = writeUbl({ ...emptyLike(), number: 'A<&>"\'' });
    expect(xml).toContain('<cbc:ID>A&lt;&amp;&gt;"\'</cbc:ID>');
  });
});

function emptyLike() {
  return {
    notes: [], processControl: {}, precedingInvoices: [], seller: { identifiers: [], postalAddress: {} }, buyer: { postalAddress: {} },
    allowances: [], charges: [], totals: {}, vatBreakdown: [], additionalDocuments: [], lines: [],
  };
}
