import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFormatError } from '../../errors.ts';
import { emptyInvoice, type Invoice } from '../../model/invoice.ts';
import { TERMS } from '../../model/terms.ts';
import { readInvoice } from '../../read.ts';
import { CORPUS_DIR, corpusAvailable } from '../../testing/corpus.ts';
import { writeUbl } from '../../ubl/write.ts';
import { checkTextBounds } from '../index.ts';
import { boundMessage, textBoundBreaches } from './bounds.ts';

/** Every optional term made mandatory: the literal below must name each one, or the type-check fails. */
type Full<T> = T extends string ? string : T extends (infer U)[] ? Full<U>[] : { [K in keyof T]-?: Full<T[K]> };

const id = () => ({ value: 'v', schemeId: 's' });
const address = () => ({
  line1: 'v',
  line2: 'v',
  line3: 'v',
  city: 'v',
  postCode: 'v',
  countrySubdivision: 'v',
  countryCode: 'v',
});
const contact = () => ({ point: 'v', telephone: 'v', email: 'v' });
const allowance = () => ({
  amount: 'v',
  baseAmount: 'v',
  percentage: 'v',
  reason: 'v',
  reasonCode: 'v',
});

/** An invoice with every term of the model present once (twice for a few repeated groups). */
function fullInvoice(): Full<Invoice> {
  const line = (): Full<Invoice>['lines'][number] => ({
    id: 'v',
    note: 'v',
    objectId: id(),
    quantity: 'v',
    unitCode: 'v',
    netAmount: 'v',
    orderLineReference: 'v',
    buyerAccountingReference: 'v',
    period: { startDate: 'v', endDate: 'v' },
    allowances: [allowance()],
    charges: [allowance(), allowance()],
    price: { netPrice: 'v', discount: 'v', grossPrice: 'v', baseQuantity: 'v', baseQuantityUnitCode: 'v' },
    vat: { categoryCode: 'v', rate: 'v' },
    item: {
      name: 'v',
      description: 'v',
      sellerId: 'v',
      buyerId: 'v',
      standardId: id(),
      classificationIds: [{ ...id(), schemeVersionId: 'v' }],
      countryOfOrigin: 'v',
      attributes: [{ name: 'v', value: 'v' }],
    },
  });
  const documentAllowance = () => ({ ...allowance(), vatCategoryCode: 'v', vatRate: 'v' });
  return {
    number: 'v',
    issueDate: 'v',
    typeCode: 'v',
    currencyCode: 'v',
    vatAccountingCurrencyCode: 'v',
    vatPointDate: 'v',
    vatPointDateCode: 'v',
    paymentDueDate: 'v',
    buyerReference: 'v',
    projectReference: 'v',
    contractReference: 'v',
    purchaseOrderReference: 'v',
    salesOrderReference: 'v',
    receivingAdviceReference: 'v',
    despatchAdviceReference: 'v',
    tenderOrLotReference: 'v',
    invoicedObjectId: id(),
    buyerAccountingReference: 'v',
    paymentTerms: 'v',
    notes: [
      { subjectCode: 'v', note: 'v' },
      { subjectCode: 'v', note: 'v' },
    ],
    processControl: { businessProcessType: 'v', specificationIdentifier: 'v' },
    precedingInvoices: [{ reference: 'v', issueDate: 'v' }],
    seller: {
      name: 'v',
      tradingName: 'v',
      identifiers: [id(), id()],
      legalRegistrationId: id(),
      vatId: 'v',
      taxRegistrationId: 'v',
      additionalLegalInformation: 'v',
      electronicAddress: id(),
      postalAddress: address(),
      contact: contact(),
    },
    buyer: {
      name: 'v',
      tradingName: 'v',
      identifier: id(),
      legalRegistrationId: id(),
      vatId: 'v',
      electronicAddress: id(),
      postalAddress: address(),
      contact: contact(),
    },
    payee: { name: 'v', identifier: id(), legalRegistrationId: id() },
    taxRepresentative: { name: 'v', vatId: 'v', postalAddress: address() },
    delivery: { partyName: 'v', locationId: id(), actualDeliveryDate: 'v', address: address() },
    invoicingPeriod: { startDate: 'v', endDate: 'v' },
    paymentInstructions: {
      meansTypeCode: 'v',
      meansText: 'v',
      remittanceInformation: 'v',
      creditTransfers: [{ accountId: 'v', accountName: 'v', serviceProviderId: 'v' }],
      paymentCard: { primaryAccountNumber: 'v', holderName: 'v' },
      directDebit: { mandateReference: 'v', creditorId: 'v', debitedAccountId: 'v' },
    },
    allowances: [documentAllowance()],
    charges: [documentAllowance()],
    totals: {
      lineNetAmount: 'v',
      allowanceTotalAmount: 'v',
      chargeTotalAmount: 'v',
      taxExclusiveAmount: 'v',
      taxAmount: 'v',
      taxAmountInAccountingCurrency: 'v',
      taxInclusiveAmount: 'v',
      paidAmount: 'v',
      roundingAmount: 'v',
      payableAmount: 'v',
    },
    vatBreakdown: [
      {
        taxableAmount: 'v',
        taxAmount: 'v',
        categoryCode: 'v',
        rate: 'v',
        exemptionReason: 'v',
        exemptionReasonCode: 'v',
      },
    ],
    additionalDocuments: [
      {
        reference: 'v',
        description: 'v',
        externalLocation: 'v',
        attachment: { content: 'v', mimeCode: 'v', filename: 'v' },
      },
    ],
    lines: [line(), line()],
  };
}

/** Replaces every text of the model (but the binary content of BT-125) with `make()`; returns how many. */
function fillTexts(node: unknown, make: () => string, parentKey = ''): number {
  let n = 0;
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (typeof item === 'string') throw new Error('no arrays of texts in the model');
      n += fillTexts(item, make, `${parentKey}[${i}]`);
    });
    return n;
  }
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') {
      if (parentKey.endsWith('attachment') && key === 'content') continue;
      record[key] = make();
      n++;
    } else if (value && typeof value === 'object') n += fillTexts(value, make, key);
  }
  return n;
}

describe('text bounds (HUB-LEN-01)', () => {
  it('bounds every text of the model: each one set too long is reported once, with a known term', () => {
    const invoice = fullInvoice() as Invoice;
    const texts = fillTexts(invoice, () => 'x'.repeat(20_000));
    const breaches = textBoundBreaches(invoice);
    expect(texts).toBeGreaterThan(200);
    expect(breaches).toHaveLength(texts);
    expect(new Set(breaches.map((b) => b.key)).size).toBe(texts);
    for (const b of breaches) {
      expect(TERMS.has(b.bt), `${b.key} names the term ${b.bt}`).toBe(true);
      expect(b.length).toBe(20_000);
    }
  });

  it('accepts short texts everywhere', () => {
    const invoice = fullInvoice() as Invoice;
    fillTexts(invoice, () => 'Texte ordinaire');
    expect(textBoundBreaches(invoice)).toEqual([]);
  });

  it('names the term, the length and the bound, in French', () => {
    const invoice = emptyInvoice();
    invoice.seller.name = 'A'.repeat(10 * 1024 * 1024);
    const [breach, ...others] = textBoundBreaches(invoice);
    expect(others).toEqual([]);
    expect(boundMessage(breach!)).toBe('BT-27 Nom du vendeur : 10\u00a0485\u00a0760 caractères, 200 au plus');
  });

  it('names the line of a line-level term', () => {
    const invoice = fullInvoice() as Invoice;
    fillTexts(invoice, () => 'v');
    invoice.lines[1]!.item.name = 'é'.repeat(1001);
    const breaches = textBoundBreaches(invoice);
    expect(breaches.map(boundMessage)).toEqual([
      'BT-153 Nom de l’article (ligne 2) : 1\u00a0001 caractères, 1\u00a0000 au plus',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    const invoice = emptyInvoice();
    invoice.seller.name = '😀'.repeat(200);
    expect(textBoundBreaches(invoice)).toEqual([]);
    invoice.seller.name = '😀'.repeat(201);
    expect(textBoundBreaches(invoice)).toMatchObject([{ bt: 'BT-27', length: 201, max: 200 }]);
  });

  it('reports at the element that holds the text', async () => {
    const invoice = emptyInvoice();
    invoice.number = 'F1';
    invoice.seller.name = 'N'.repeat(201);
    const read = await readInvoice(new TextEncoder().encode(writeUbl(invoice)));
    expect(checkTextBounds(read)).toEqual([
      {
        rule: 'HUB-LEN-01',
        severity: 'fatal',
        bt: 'BT-27',
        path: expect.stringContaining('RegistrationName'),
        message: 'BT-27 Nom du vendeur : 201 caractères, 200 au plus',
      },
    ]);
  });

  it.runIf(corpusAvailable())('refuses none of the valid invoices of the corpus', async () => {
    const dirs = ['ubl/valid', 'cii/valid', 'facturx'].map((d) => join(CORPUS_DIR, d));
    let read = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(dir)) {
        const result = await readInvoice(readFileSync(join(dir, file))).catch((error: unknown) => {
          if (isFormatError(error)) return undefined; // a PDF the reader refuses (ZUGFeRD 1, no XML)
          throw error;
        });
        if (!result) continue;
        expect(checkTextBounds(result), file).toEqual([]);
        read++;
      }
    }
    expect(read).toBeGreaterThan(20);
  });
});
