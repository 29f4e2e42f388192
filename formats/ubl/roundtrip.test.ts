import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCii } from '../cii/read.ts';
import { writeCii } from '../cii/write.ts';
import { invoice, normalize } from '../model/testing/arbitraries.ts';
import { parseXml } from '../xml/parse.ts';
import { readUbl } from './read.ts';
import { isCreditNoteType, ublPriceDiscount, ublTaxTotal, writeUbl } from './write.ts';
import { asCii, asUbl } from '../model/testing/forms.ts';

const viaUbl = (inv: Parameters<typeof writeUbl>[0], opts?: Parameters<typeof writeUbl>[1]) =>
  readUbl(parseXml(writeUbl(inv, opts))).invoice;

describe('UBL round trips', () => {
  it('model → UBL → model keeps every business term', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        expect(normalize(viaUbl(inv))).toEqual(normalize(asUbl(inv, isCreditNoteType(inv.typeCode))));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every business term whichever root (Invoice or CreditNote) is written', () => {
    fc.assert(
      fc.property(invoice, fc.constantFrom('Invoice' as const, 'CreditNote' as const), (inv, documentType) => {
        expect(normalize(viaUbl(inv, { documentType }))).toEqual(normalize(asUbl(inv, documentType === 'CreditNote')));
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
        expect(normalize(back)).toEqual(normalize(asUbl(asCii(fromUbl), isCreditNoteType(inv.typeCode))));
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

  it('derives the price discount UBL requires next to a gross price', () => {
    expect(ublPriceDiscount({ netPrice: '9.50', grossPrice: '10' })).toBe('0.50');
    expect(ublPriceDiscount({ netPrice: '10.0000', grossPrice: '10.0000' })).toBe('0.0000');
    expect(ublPriceDiscount({ grossPrice: '10' })).toBe('0');
    expect(ublPriceDiscount({ netPrice: '9', grossPrice: '10', discount: '2' })).toBe('2');
    expect(ublPriceDiscount({ netPrice: '9' })).toBeUndefined();
  });
});

describe('UBL writer: values CII allows and UBL does not', () => {
  it('writes the total VAT amounts without zeros beyond two decimals (UBL-DT-01), other values as they are', () => {
    expect(ublTaxTotal('20.000')).toBe('20.00');
    expect(ublTaxTotal('-3.1000')).toBe('-3.10');
    expect(ublTaxTotal('20.005')).toBe('20.005');
    expect(ublTaxTotal('20.5')).toBe('20.5');
    expect(ublTaxTotal(undefined)).toBeUndefined();
  });

  it('gives a payment means with only a remittance information (from CII) the code 1, keeping BT-83', () => {
    const xml = writeUbl({
      ...emptyLike(),
      paymentInstructions: { remittanceInformation: 'REF-42', creditTransfers: [] },
    });
    expect(xml).toContain('<cbc:PaymentMeansCode>1</cbc:PaymentMeansCode>');
    expect(xml).toContain('<cbc:PaymentID>REF-42</cbc:PaymentID>');
  });

  it('writes no empty element for empty values read from a source', () => {
    const xml = writeUbl({
      ...emptyLike(),
      number: '',
      buyerReference: '  ',
      seller: { name: 'Vendeur', identifiers: [{ value: '', schemeId: '0009' }], postalAddress: { city: '' } },
      buyer: { name: 'Acheteur', postalAddress: { countryCode: ' ' } },
      lines: [
        {
          id: '1',
          allowances: [],
          charges: [],
          price: { netPrice: '' },
          vat: {},
          item: { name: 'Article', description: '', classificationIds: [], attributes: [{ name: '', value: '' }] },
          unitCode: 'C62',
        },
      ],
    } as never);
    expect(xml).not.toMatch(/<([\w:]+)[^>]*>\s*<\/\1>|<[\w:]+[^>]*\/>|="\s*"/);
  });
});

function emptyLike() {
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
