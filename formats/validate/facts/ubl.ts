import type { XmlElement } from '../../xml/index.ts';
import { NS } from '../../xml/index.ts';
import { all, CAC, CBC, first, norm, path, v, vs, walkElements, xsBoolean } from './common.ts';
import type { AllowanceCharge, Breakdown, CategoryKind, Facts, Line, Party, Period, TaxCategoryRef } from './types.ts';

function isVatScheme(category: XmlElement): boolean {
  return path(category, [CAC, 'TaxScheme'], [CBC, 'ID']).some((id) => norm(id.text).toUpperCase() === 'VAT');
}

function kindOf(el: XmlElement): CategoryKind {
  if (el.local === 'ClassifiedTaxCategory') return 'line';
  const p = el.parent;
  if (p?.ns === CAC && p.local === 'TaxSubtotal') return 'breakdown';
  if (p?.ns === CAC && p.local === 'AllowanceCharge') {
    const ind = xsBoolean(first(p, CBC, 'ChargeIndicator')?.text);
    if (ind === true) return 'charge';
    if (ind === false) return 'allowance';
  }
  return 'other';
}

function category(el: XmlElement): TaxCategoryRef {
  const id = first(el, CBC, 'ID');
  return {
    el,
    code: id ? norm(id.text) : undefined,
    codeV: v(id),
    rate: v(first(el, CBC, 'Percent')),
    isVat: isVatScheme(el),
    kind: kindOf(el),
  };
}

function party(el: XmlElement | undefined, nameFromPartyName = false): Party | undefined {
  if (!el) return undefined;
  const taxSchemes = all(el, CAC, 'PartyTaxScheme');
  const vatIds: XmlElement[] = [];
  const taxIds: XmlElement[] = [];
  for (const ts of taxSchemes) {
    const ids = all(ts, CBC, 'CompanyID');
    taxIds.push(...ids);
    if (isVatScheme(ts)) vatIds.push(...ids);
  }
  const address = first(el, CAC, 'PostalAddress');
  const endpoint = first(el, CBC, 'EndpointID');
  const partyNames = path(el, [CAC, 'PartyName'], [CBC, 'Name']);
  return {
    el,
    name: nameFromPartyName ? v(partyNames[0]) : v(path(el, [CAC, 'PartyLegalEntity'], [CBC, 'RegistrationName'])[0]),
    tradingNames: vs(partyNames),
    ids: vs(path(el, [CAC, 'PartyIdentification'], [CBC, 'ID'])),
    legalIds: vs(path(el, [CAC, 'PartyLegalEntity'], [CBC, 'CompanyID'])),
    vatIds: vs(vatIds),
    taxIds: vs(taxIds),
    endpoint: v(endpoint),
    hasEndpoint: endpoint !== undefined,
    address: address
      ? { el: address, country: v(path(address, [CAC, 'Country'], [CBC, 'IdentificationCode'])[0]) }
      : undefined,
  };
}

function period(el: XmlElement): Period {
  return {
    el,
    start: v(first(el, CBC, 'StartDate')),
    end: v(first(el, CBC, 'EndDate')),
    descriptionCode: v(first(el, CBC, 'DescriptionCode')),
  };
}

function allowanceCharge(el: XmlElement, charge: boolean): AllowanceCharge {
  return {
    el,
    charge,
    amount: v(first(el, CBC, 'Amount')),
    baseAmount: v(first(el, CBC, 'BaseAmount')),
    reason: v(first(el, CBC, 'AllowanceChargeReason')),
    reasonCode: v(first(el, CBC, 'AllowanceChargeReasonCode')),
    categories: all(el, CAC, 'TaxCategory').map(category),
  };
}

function splitAllowanceCharges(parent: XmlElement, allowances: AllowanceCharge[], charges: AllowanceCharge[]): void {
  for (const ac of all(parent, CAC, 'AllowanceCharge')) {
    const ind = xsBoolean(first(ac, CBC, 'ChargeIndicator')?.text);
    if (ind === true) charges.push(allowanceCharge(ac, true));
    else if (ind === false) allowances.push(allowanceCharge(ac, false));
  }
}

function line(el: XmlElement): Line {
  const qty = first(el, CBC, 'InvoicedQuantity') ?? first(el, CBC, 'CreditedQuantity');
  const item = first(el, CAC, 'Item');
  const price = first(el, CAC, 'Price');
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  splitAllowanceCharges(el, allowances, charges);
  return {
    el,
    id: v(first(el, CBC, 'ID')),
    quantity: v(qty),
    unitCode: qty?.attrs.get('unitCode'),
    netAmount: v(first(el, CBC, 'LineExtensionAmount')),
    itemName: v(first(item, CBC, 'Name')),
    netPrice: v(first(price, CBC, 'PriceAmount')),
    grossPrice: v(path(price, [CAC, 'AllowanceCharge'], [CBC, 'BaseAmount'])[0]),
    baseQuantity: v(first(price, CBC, 'BaseQuantity')),
    periods: all(el, CAC, 'InvoicePeriod').map(period),
    allowances,
    charges,
    categories: all(item, CAC, 'ClassifiedTaxCategory').map(category),
    standardIds: vs(path(item, [CAC, 'StandardItemIdentification'], [CBC, 'ID'])),
    classifications: vs(path(item, [CAC, 'CommodityClassification'], [CBC, 'ItemClassificationCode'])),
    attributes: all(item, CAC, 'AdditionalItemProperty').map((p) => ({
      el: p,
      hasName: first(p, CBC, 'Name') !== undefined,
      hasValue: first(p, CBC, 'Value') !== undefined,
    })),
  };
}

/** Extracts the facts from a UBL Invoice or CreditNote root. */
export function ublFacts(root: XmlElement): Facts {
  const creditNote = root.ns === NS.UBL_CREDIT_NOTE;
  const supplier = first(root, CAC, 'AccountingSupplierParty');
  const customer = first(root, CAC, 'AccountingCustomerParty');
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  splitAllowanceCharges(root, allowances, charges);
  const totalsEl = first(root, CAC, 'LegalMonetaryTotal');
  const taxTotalEls = all(root, CAC, 'TaxTotal');
  const breakdowns: Breakdown[] = [];
  for (const tt of taxTotalEls) {
    for (const st of all(tt, CAC, 'TaxSubtotal')) {
      const catEl = first(st, CAC, 'TaxCategory');
      const cat: TaxCategoryRef = catEl
        ? category(catEl)
        : { el: st, code: undefined, codeV: undefined, rate: undefined, isVat: false, kind: 'breakdown' };
      breakdowns.push({
        ...cat,
        group: st,
        taxable: v(first(st, CBC, 'TaxableAmount')),
        tax: v(first(st, CBC, 'TaxAmount')),
        exemptionReason: v(first(catEl, CBC, 'TaxExemptionReason')),
        exemptionReasonCode: v(first(catEl, CBC, 'TaxExemptionReasonCode')),
      });
    }
  }
  const lines = [...all(root, CAC, 'InvoiceLine'), ...all(root, CAC, 'CreditNoteLine')].map(line);
  const allCategories: TaxCategoryRef[] = [];
  const dueDates: XmlElement[] = [];
  const paymentTermsNotes: XmlElement[] = [];
  walkElements(root, (e) => {
    if (e.ns === CAC && (e.local === 'TaxCategory' || e.local === 'ClassifiedTaxCategory'))
      allCategories.push(category(e));
    else if (e.ns === CBC && e.local === 'DueDate') dueDates.push(e);
    else if (e.ns === CBC && e.local === 'Note' && e.parent?.ns === CAC && e.parent.local === 'PaymentTerms')
      paymentTermsNotes.push(e);
  });
  return {
    syntax: 'UBL',
    root,
    creditNote,
    customizationId: v(first(root, CBC, 'CustomizationID')),
    number: v(first(root, CBC, 'ID')),
    issueDate: v(first(root, CBC, 'IssueDate')),
    typeCode: v(
      first(root, CBC, creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode') ??
        first(root, CBC, 'InvoiceTypeCode') ??
        first(root, CBC, 'CreditNoteTypeCode'),
    ),
    currency: v(first(root, CBC, 'DocumentCurrencyCode')),
    taxCurrencies: vs(all(root, CBC, 'TaxCurrencyCode')),
    taxPointDates: vs(all(root, CBC, 'TaxPointDate')),
    taxPointDateCodes: vs(path(root, [CAC, 'InvoicePeriod'], [CBC, 'DescriptionCode'])),
    notes: all(root, CBC, 'Note').map((el) => {
      const text = el.text;
      if (!text.includes('#')) return { el, subject: undefined };
      const after = text.slice(text.indexOf('#') + 1);
      const end = after.indexOf('#');
      return { el, subject: { el, text: end === -1 ? '' : after.slice(0, end) } };
    }),
    dueDates: vs(dueDates),
    paymentTermsNotes: vs(paymentTermsNotes),
    seller: party(first(supplier, CAC, 'Party')),
    buyer: party(first(customer, CAC, 'Party')),
    payee: party(first(root, CAC, 'PayeeParty'), true),
    taxRep: party(first(root, CAC, 'TaxRepresentativeParty'), true),
    sellerOuter: supplier,
    invoicePeriods: all(root, CAC, 'InvoicePeriod').map(period),
    deliveries: all(root, CAC, 'Delivery').map((d) => {
      const address = path(d, [CAC, 'DeliveryLocation'], [CAC, 'Address'])[0];
      return {
        el: d,
        actualDate: v(first(d, CBC, 'ActualDeliveryDate')),
        address: address
          ? { el: address, country: v(path(address, [CAC, 'Country'], [CBC, 'IdentificationCode'])[0]) }
          : undefined,
        hasDeliveryParty: first(d, CAC, 'DeliveryParty') !== undefined,
      };
    }),
    payments: all(root, CAC, 'PaymentMeans').map((pm) => {
      const accounts = all(pm, CAC, 'PayeeFinancialAccount');
      return {
        el: pm,
        code: v(first(pm, CBC, 'PaymentMeansCode')),
        accounts,
        accountIds: vs(accounts.flatMap((a) => all(a, CBC, 'ID'))),
        cards: all(pm, CAC, 'CardAccount').map((c) => ({ el: c, pan: v(first(c, CBC, 'PrimaryAccountNumberID')) })),
        mandates: all(pm, CAC, 'PaymentMandate'),
      };
    }),
    preceding: all(root, CAC, 'BillingReference').map((b) => ({
      el: b,
      id: v(path(b, [CAC, 'InvoiceDocumentReference'], [CBC, 'ID'])[0]),
    })),
    allowances,
    charges,
    totals: totalsEl
      ? {
          el: totalsEl,
          lineTotal: v(first(totalsEl, CBC, 'LineExtensionAmount')),
          allowanceTotal: v(first(totalsEl, CBC, 'AllowanceTotalAmount')),
          chargeTotal: v(first(totalsEl, CBC, 'ChargeTotalAmount')),
          taxExclusive: v(first(totalsEl, CBC, 'TaxExclusiveAmount')),
          taxInclusive: v(first(totalsEl, CBC, 'TaxInclusiveAmount')),
          prepaid: v(first(totalsEl, CBC, 'PrepaidAmount')),
          rounding: v(first(totalsEl, CBC, 'PayableRoundingAmount')),
          payable: v(first(totalsEl, CBC, 'PayableAmount')),
        }
      : undefined,
    taxTotals: taxTotalEls.map((tt) => ({
      el: tt,
      amounts: all(tt, CBC, 'TaxAmount').map((a) => ({
        v: { el: a, text: a.text },
        currency: a.attrs.get('currencyID'),
      })),
    })),
    breakdowns,
    lines,
    additionalDocs: all(root, CAC, 'AdditionalDocumentReference').map((d) => ({ el: d, id: v(first(d, CBC, 'ID')) })),
    allCategories,
  };
}
