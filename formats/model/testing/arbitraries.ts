/**
 * fast-check arbitraries for the EN 16931 model, and the normal form used to compare models in tests.
 *
 * Generated invoices respect what both syntaxes can carry: a term that lives in an attribute of another
 * term's element (unit codes, BT-82 payment means text) only appears with that term, a UBL sales order
 * reference (BT-14) only with a purchase order reference (BT-13), BT-111 only with a distinct BT-6, notes
 * do not start with '#' (UBL encodes the subject code as `#CODE#text`).
 */
import fc from 'fast-check';
import type {
  AdditionalSupportingDocument,
  DocumentAllowance,
  Identifier,
  Invoice,
  InvoiceLine,
  PaymentInstructions,
  PostalAddress,
  VatBreakdown,
} from '../invoice.ts';

const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 3 });

const CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:/()<>&"\'éèàçÉ€ßø'];

/** Non-empty text, trimmed, with XML-special and non-ASCII characters and inner line breaks. */
export const text: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 24 }).map((cs) => cs.join('')),
    fc.option(
      fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')),
      { nil: undefined, freq: 8 },
    ),
  )
  .map(([a, b]) => (b === undefined ? a : `${a}\n${b}`).trim())
  .filter((s) => s.length > 0);

export const code: fc.Arbitrary<string> = fc.stringMatching(/^[A-Z0-9]{1,4}$/);

/** A lexical decimal, kept as written (leading zeros avoided, trailing zeros kept). */
export const decimal: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }),
  )
  .map(
    ([neg, int, frac]) =>
      `${neg && (int > 0 || frac !== undefined) ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`,
  );

export const date: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const identifier: fc.Arbitrary<Identifier> = fc
  .record({ value: text, schemeId: opt(fc.stringMatching(/^[0-9]{4}$/)) })
  .map(prune);

function prune<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

const address: fc.Arbitrary<PostalAddress> = fc
  .record({
    line1: opt(text),
    line2: opt(text),
    line3: opt(text),
    city: opt(text),
    postCode: opt(code),
    countrySubdivision: opt(text),
    countryCode: opt(fc.constantFrom('FR', 'DE', 'BE', 'SE')),
  })
  .map(prune);

const contact = fc.record({ point: opt(text), telephone: opt(text), email: opt(text) }).map(prune);

const allowance: fc.Arbitrary<DocumentAllowance> = fc
  .record({
    amount: opt(decimal),
    baseAmount: opt(decimal),
    percentage: opt(decimal),
    vatCategoryCode: opt(fc.constantFrom('S', 'E', 'Z', 'AE', 'K', 'G', 'O')),
    vatRate: opt(decimal),
    reason: opt(text),
    reasonCode: opt(code),
  })
  .map(prune);

const lineAllowance = fc
  .record({
    amount: opt(decimal),
    baseAmount: opt(decimal),
    percentage: opt(decimal),
    reason: opt(text),
    reasonCode: opt(code),
  })
  .map(prune);

const vat: fc.Arbitrary<VatBreakdown> = fc
  .record({
    taxableAmount: opt(decimal),
    taxAmount: opt(decimal),
    categoryCode: opt(fc.constantFrom('S', 'E', 'Z', 'AE', 'K', 'G', 'O')),
    rate: opt(decimal),
    exemptionReason: opt(text),
    exemptionReasonCode: opt(code),
  })
  .map(prune);

const document: fc.Arbitrary<AdditionalSupportingDocument> = fc
  .record({
    reference: opt(text),
    description: opt(text),
    externalLocation: opt(text),
    attachment: opt(
      fc
        .record({
          content: fc.stringMatching(/^[A-Za-z0-9+/]{4,24}$/),
          mimeCode: opt(fc.constantFrom('application/pdf', 'text/csv')),
          filename: opt(text),
        })
        .map(prune),
    ),
  })
  .map(prune);

const payment: fc.Arbitrary<PaymentInstructions> = fc
  .record({
    meansTypeCode: fc.constantFrom('30', '31', '42', '48', '49', '58', '59'),
    meansText: opt(text),
    remittanceInformation: opt(text),
    creditTransfers: fc.array(
      fc
        .record({
          accountId: opt(fc.oneof(fc.stringMatching(/^FR[0-9]{2}[0-9A-Z]{10,20}$/), text)),
          accountName: opt(text),
          serviceProviderId: opt(code),
        })
        .map(prune),
      { maxLength: 3 },
    ),
    paymentCard: opt(
      fc.record({ primaryAccountNumber: opt(fc.stringMatching(/^[0-9]{4,6}$/)), holderName: opt(text) }).map(prune),
    ),
    directDebit: opt(
      fc.record({ mandateReference: opt(text), creditorId: opt(text), debitedAccountId: opt(text) }).map(prune),
    ),
  })
  .map(prune);

export const line: fc.Arbitrary<InvoiceLine> = fc
  .record({
    id: opt(text),
    note: opt(text),
    objectId: opt(identifier),
    quantity: opt(decimal),
    unitCode: opt(fc.constantFrom('C62', 'HUR', 'KGM', 'EA')),
    netAmount: opt(decimal),
    orderLineReference: opt(text),
    buyerAccountingReference: opt(text),
    period: opt(fc.record({ startDate: opt(date), endDate: opt(date) }).map(prune)),
    allowances: fc.array(lineAllowance, { maxLength: 2 }),
    charges: fc.array(lineAllowance, { maxLength: 2 }),
    price: fc
      .record({
        netPrice: opt(decimal),
        discount: opt(decimal),
        grossPrice: opt(decimal),
        baseQuantity: opt(decimal),
        baseQuantityUnitCode: opt(fc.constantFrom('C62', 'HUR')),
      })
      .map((p) => prune(p.baseQuantity === undefined ? { ...p, baseQuantityUnitCode: undefined } : p)),
    vat: fc.record({ categoryCode: opt(fc.constantFrom('S', 'E', 'Z')), rate: opt(decimal) }).map(prune),
    item: fc
      .record({
        name: opt(text),
        description: opt(text),
        sellerId: opt(text),
        buyerId: opt(text),
        standardId: opt(identifier),
        classificationIds: fc.array(
          fc
            .record({ value: text, schemeId: opt(fc.constantFrom('STI', 'HS', 'CV')), schemeVersionId: opt(code) })
            .map(prune),
          { maxLength: 2 },
        ),
        countryOfOrigin: opt(fc.constantFrom('FR', 'CN')),
        attributes: fc.array(fc.record({ name: opt(text), value: opt(text) }).map(prune), { maxLength: 2 }),
      })
      .map(prune),
  })
  .map((l) => prune(l.quantity === undefined ? { ...l, unitCode: undefined } : l));

/** An arbitrary invoice: every term may be present or absent, repeated groups have 0–3 items. */
export const invoice: fc.Arbitrary<Invoice> = fc
  .record({
    number: opt(text),
    issueDate: opt(date),
    typeCode: opt(fc.constantFrom('380', '381', '384', '389', '751')),
    currencyCode: fc.constantFrom('EUR', 'SEK'),
    vatAccountingCurrencyCode: opt(fc.constantFrom('USD', 'GBP')),
    vatPointDate: opt(date),
    vatPointDateCode: opt(fc.constantFrom('3', '35', '432')),
    paymentDueDate: opt(date),
    buyerReference: opt(text),
    projectReference: opt(text),
    contractReference: opt(text),
    purchaseOrderReference: opt(text),
    salesOrderReference: opt(text),
    receivingAdviceReference: opt(text),
    despatchAdviceReference: opt(text),
    tenderOrLotReference: opt(text),
    invoicedObjectId: opt(identifier),
    buyerAccountingReference: opt(text),
    paymentTerms: opt(text),
    notes: fc.array(
      fc.record({ subjectCode: opt(fc.constantFrom('AAI', 'PMT', 'PMD', 'AAB')), note: text }).map(prune),
      { maxLength: 3 },
    ),
    processControl: fc.record({ businessProcessType: opt(text), specificationIdentifier: opt(text) }).map(prune),
    precedingInvoices: fc.array(fc.record({ reference: opt(text), issueDate: opt(date) }).map(prune), { maxLength: 2 }),
    seller: fc
      .record({
        name: opt(text),
        tradingName: opt(text),
        identifiers: fc.array(identifier, { maxLength: 3 }),
        legalRegistrationId: opt(identifier),
        vatId: opt(text),
        taxRegistrationId: opt(text),
        additionalLegalInformation: opt(text),
        electronicAddress: opt(identifier),
        postalAddress: address,
        contact: opt(contact),
      })
      .map(prune),
    buyer: fc
      .record({
        name: opt(text),
        tradingName: opt(text),
        identifier: opt(identifier),
        legalRegistrationId: opt(identifier),
        vatId: opt(text),
        electronicAddress: opt(identifier),
        postalAddress: address,
        contact: opt(contact),
      })
      .map(prune),
    payee: opt(
      fc.record({ name: opt(text), identifier: opt(identifier), legalRegistrationId: opt(identifier) }).map(prune),
    ),
    taxRepresentative: opt(fc.record({ name: opt(text), vatId: opt(text), postalAddress: address }).map(prune)),
    delivery: opt(
      fc
        .record({
          partyName: opt(text),
          locationId: opt(identifier),
          actualDeliveryDate: opt(date),
          address: opt(address),
        })
        .map(prune),
    ),
    invoicingPeriod: opt(fc.record({ startDate: opt(date), endDate: opt(date) }).map(prune)),
    paymentInstructions: opt(payment),
    allowances: fc.array(allowance, { maxLength: 2 }),
    charges: fc.array(allowance, { maxLength: 2 }),
    totals: fc
      .record({
        lineNetAmount: opt(decimal),
        allowanceTotalAmount: opt(decimal),
        chargeTotalAmount: opt(decimal),
        taxExclusiveAmount: opt(decimal),
        taxAmount: opt(decimal),
        taxAmountInAccountingCurrency: opt(decimal),
        taxInclusiveAmount: opt(decimal),
        paidAmount: opt(decimal),
        roundingAmount: opt(decimal),
        payableAmount: opt(decimal),
      })
      .map(prune),
    vatBreakdown: fc.array(vat, { minLength: 1, maxLength: 3 }),
    additionalDocuments: fc.array(document, { maxLength: 2 }),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  })
  .map((inv) => {
    if (inv.purchaseOrderReference === undefined) inv.salesOrderReference = undefined;
    if (inv.vatAccountingCurrencyCode === undefined || inv.totals.taxAmount === undefined)
      inv.totals.taxAmountInAccountingCurrency = undefined;
    return prune(inv);
  });

/**
 * Normal form for comparing models: keys sorted, undefined values and objects left without any term removed
 * (an empty optional group carries no business term).
 */
export function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = normalize((v as Record<string, unknown>)[k]);
      if (x === undefined) continue;
      if (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0) continue;
      out[k] = x;
    }
    return out;
  }
  return v;
}

/**
 * CII orders seller identifiers by syntax: `ram:ID` (no scheme) before `ram:GlobalID` (with scheme).
 * Applies that order, keeping the relative order inside each kind.
 */
export function ciiOrder(inv: Invoice): Invoice {
  const ids = inv.seller.identifiers;
  return {
    ...inv,
    seller: {
      ...inv.seller,
      identifiers: [...ids.filter((i) => i.schemeId === undefined), ...ids.filter((i) => i.schemeId !== undefined)],
    },
  };
}
