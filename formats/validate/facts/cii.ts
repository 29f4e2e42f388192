import type { XmlElement } from '../../xml/index.ts';
import { all, first, path, RAM, RSM, UDT, v, vs, walkElements, xsBoolean } from './common.ts';
import type {
  AllowanceCharge,
  Breakdown,
  CategoryKind,
  Facts,
  Line,
  Party,
  Period,
  TaxCategoryRef,
  V,
} from './types.ts';

function isVatType(el: XmlElement): boolean {
  return all(el, RAM, 'TypeCode').some((t) => t.text.toUpperCase() === 'VAT');
}

function kindOf(el: XmlElement): CategoryKind {
  const p = el.parent;
  if (el.local === 'ApplicableTradeTax') {
    if (p?.local === 'SpecifiedLineTradeSettlement') return 'line';
    if (p?.local === 'ApplicableHeaderTradeSettlement') return 'breakdown';
    return 'other';
  }
  if (p?.local === 'SpecifiedTradeAllowanceCharge') {
    const ind = xsBoolean(path(p, [RAM, 'ChargeIndicator'], [UDT, 'Indicator'])[0]?.text);
    if (ind === true) return 'charge';
    if (ind === false) return 'allowance';
  }
  return 'other';
}

function category(el: XmlElement): TaxCategoryRef {
  const code = first(el, RAM, 'CategoryCode');
  return {
    el,
    code: code ? code.text : undefined,
    codeV: v(code),
    rate: v(first(el, RAM, 'RateApplicablePercent')),
    isVat: isVatType(el),
    kind: kindOf(el),
  };
}

function party(el: XmlElement | undefined): Party | undefined {
  if (!el) return undefined;
  const regs = path(el, [RAM, 'SpecifiedTaxRegistration'], [RAM, 'ID']);
  const address = first(el, RAM, 'PostalTradeAddress');
  const uri = all(el, RAM, 'URIUniversalCommunication');
  return {
    el,
    name: v(first(el, RAM, 'Name')),
    tradingNames: vs(path(el, [RAM, 'SpecifiedLegalOrganization'], [RAM, 'TradingBusinessName'])),
    ids: vs([...all(el, RAM, 'ID'), ...all(el, RAM, 'GlobalID')]),
    legalIds: vs(path(el, [RAM, 'SpecifiedLegalOrganization'], [RAM, 'ID'])),
    vatIds: vs(regs.filter((r) => r.attrs.get('schemeID') === 'VA')),
    taxIds: vs(regs.filter((r) => r.attrs.get('schemeID') === 'VA' || r.attrs.get('schemeID') === 'FC')),
    endpoint: v(first(uri[0], RAM, 'URIID')),
    hasEndpoint: uri.length > 0,
    address: address ? { el: address, country: v(first(address, RAM, 'CountryID')) } : undefined,
  };
}

/** A CII date: the StartDateTime/EndDateTime element, valued by its DateTimeString with format 102. */
function dateOf(el: XmlElement | undefined): V | undefined {
  if (!el) return undefined;
  const s = all(el, UDT, 'DateTimeString').find((d) => d.attrs.get('format') === '102');
  return { el, text: s ? s.text : '' };
}

function period(el: XmlElement): Period {
  return {
    el,
    start: dateOf(first(el, RAM, 'StartDateTime')),
    end: dateOf(first(el, RAM, 'EndDateTime')),
    descriptionCode: undefined,
  };
}

function allowanceCharge(el: XmlElement, charge: boolean): AllowanceCharge {
  return {
    el,
    charge,
    amount: v(first(el, RAM, 'ActualAmount')),
    baseAmount: v(first(el, RAM, 'BasisAmount')),
    reason: v(first(el, RAM, 'Reason')),
    reasonCode: v(first(el, RAM, 'ReasonCode')),
    categories: all(el, RAM, 'CategoryTradeTax').map(category),
  };
}

function splitAllowanceCharges(
  parent: XmlElement | undefined,
  allowances: AllowanceCharge[],
  charges: AllowanceCharge[],
): void {
  for (const ac of all(parent, RAM, 'SpecifiedTradeAllowanceCharge')) {
    const ind = xsBoolean(path(ac, [RAM, 'ChargeIndicator'], [UDT, 'Indicator'])[0]?.text);
    if (ind === true) charges.push(allowanceCharge(ac, true));
    else if (ind === false) allowances.push(allowanceCharge(ac, false));
  }
}

function line(el: XmlElement): Line {
  const delivery = first(el, RAM, 'SpecifiedLineTradeDelivery');
  const agreement = first(el, RAM, 'SpecifiedLineTradeAgreement');
  const settlement = first(el, RAM, 'SpecifiedLineTradeSettlement');
  const product = first(el, RAM, 'SpecifiedTradeProduct');
  const qty = first(delivery, RAM, 'BilledQuantity');
  const netPrice = first(agreement, RAM, 'NetPriceProductTradePrice');
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  splitAllowanceCharges(settlement, allowances, charges);
  return {
    el,
    id: v(path(el, [RAM, 'AssociatedDocumentLineDocument'], [RAM, 'LineID'])[0]),
    quantity: v(qty),
    unitCode: qty?.attrs.get('unitCode'),
    netAmount: v(path(settlement, [RAM, 'SpecifiedTradeSettlementLineMonetarySummation'], [RAM, 'LineTotalAmount'])[0]),
    itemName: v(first(product, RAM, 'Name')),
    netPrice: v(first(netPrice, RAM, 'ChargeAmount')),
    grossPrice: v(path(agreement, [RAM, 'GrossPriceProductTradePrice'], [RAM, 'ChargeAmount'])[0]),
    baseQuantity: v(first(netPrice, RAM, 'BasisQuantity')),
    periods: all(settlement, RAM, 'BillingSpecifiedPeriod').map(period),
    allowances,
    charges,
    categories: all(settlement, RAM, 'ApplicableTradeTax').map(category),
    standardIds: vs(all(product, RAM, 'GlobalID')),
    classifications: vs(path(product, [RAM, 'DesignatedProductClassification'], [RAM, 'ClassCode'])),
    attributes: all(product, RAM, 'ApplicableProductCharacteristic').map((p) => ({
      el: p,
      hasName: first(p, RAM, 'Description') !== undefined,
      hasValue: first(p, RAM, 'Value') !== undefined,
    })),
  };
}

/** Extracts the facts from a CII CrossIndustryInvoice root. */
export function ciiFacts(root: XmlElement): Facts {
  const context = first(root, RSM, 'ExchangedDocumentContext');
  const doc = first(root, RSM, 'ExchangedDocument');
  const tx = first(root, RSM, 'SupplyChainTradeTransaction');
  const agreement = first(tx, RAM, 'ApplicableHeaderTradeAgreement');
  const delivery = first(tx, RAM, 'ApplicableHeaderTradeDelivery');
  const settlement = first(tx, RAM, 'ApplicableHeaderTradeSettlement');
  const summation = first(settlement, RAM, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  splitAllowanceCharges(settlement, allowances, charges);
  const breakdowns: Breakdown[] = all(settlement, RAM, 'ApplicableTradeTax').map((t) => ({
    ...category(t),
    group: t,
    taxable: v(first(t, RAM, 'BasisAmount')),
    tax: v(first(t, RAM, 'CalculatedAmount')),
    exemptionReason: v(first(t, RAM, 'ExemptionReason')),
    exemptionReasonCode: v(first(t, RAM, 'ExemptionReasonCode')),
  }));
  const allCategories: TaxCategoryRef[] = [];
  const taxPointDates: XmlElement[] = [];
  const dueDateCodes: XmlElement[] = [];
  const dueDates: XmlElement[] = [];
  const terms: XmlElement[] = [];
  walkElements(root, (e) => {
    if (e.ns !== RAM) return;
    if (e.local === 'ApplicableTradeTax' || e.local === 'CategoryTradeTax') allCategories.push(category(e));
    else if (e.local === 'TaxPointDate') taxPointDates.push(e);
    else if (e.local === 'DueDateTypeCode') dueDateCodes.push(e);
    else if (e.local === 'DueDateDateTime' && e.parent?.local === 'SpecifiedTradePaymentTerms') dueDates.push(e);
    else if (e.local === 'Description' && e.parent?.local === 'SpecifiedTradePaymentTerms') terms.push(e);
  });
  const issue = path(doc, [RAM, 'IssueDateTime'], [UDT, 'DateTimeString']).find((d) => d.attrs.get('format') === '102');
  const actual = path(
    delivery,
    [RAM, 'ActualDeliverySupplyChainEvent'],
    [RAM, 'OccurrenceDateTime'],
    [UDT, 'DateTimeString'],
  )[0];
  const shipTo = first(delivery, RAM, 'ShipToTradeParty');
  const shipAddress = first(shipTo, RAM, 'PostalTradeAddress');
  return {
    syntax: 'CII',
    root,
    creditNote: false,
    customizationId: v(path(context, [RAM, 'GuidelineSpecifiedDocumentContextParameter'], [RAM, 'ID'])[0]),
    number: v(first(doc, RAM, 'ID')),
    issueDate: v(issue),
    typeCode: v(first(doc, RAM, 'TypeCode')),
    currency: v(first(settlement, RAM, 'InvoiceCurrencyCode')),
    taxCurrencies: vs(all(settlement, RAM, 'TaxCurrencyCode')),
    taxPointDates: vs(taxPointDates),
    taxPointDateCodes: vs(dueDateCodes),
    notes: all(doc, RAM, 'IncludedNote').map((n) => ({ el: n, subject: v(first(n, RAM, 'SubjectCode')) })),
    dueDates: vs(dueDates),
    paymentTermsNotes: vs(terms),
    seller: party(first(agreement, RAM, 'SellerTradeParty')),
    buyer: party(first(agreement, RAM, 'BuyerTradeParty')),
    payee: party(first(settlement, RAM, 'PayeeTradeParty')),
    taxRep: party(first(agreement, RAM, 'SellerTaxRepresentativeTradeParty')),
    sellerOuter: first(agreement, RAM, 'SellerTradeParty'),
    invoicePeriods: all(settlement, RAM, 'BillingSpecifiedPeriod').map(period),
    deliveries: delivery
      ? [
          {
            el: delivery,
            actualDate: v(actual),
            address: shipAddress ? { el: shipAddress, country: v(first(shipAddress, RAM, 'CountryID')) } : undefined,
            hasDeliveryParty: shipTo !== undefined,
          },
        ]
      : [],
    payments: all(settlement, RAM, 'SpecifiedTradeSettlementPaymentMeans').map((pm) => {
      const accounts = all(pm, RAM, 'PayeePartyCreditorFinancialAccount');
      return {
        el: pm,
        code: v(first(pm, RAM, 'TypeCode')),
        accounts,
        accountIds: vs(accounts.flatMap((a) => [...all(a, RAM, 'IBANID'), ...all(a, RAM, 'ProprietaryID')])),
        cards: all(pm, RAM, 'ApplicableTradeSettlementFinancialCard').map((c) => ({
          el: c,
          pan: v(first(c, RAM, 'ID')),
        })),
        mandates: [],
      };
    }),
    preceding: all(settlement, RAM, 'InvoiceReferencedDocument').map((d) => ({
      el: d,
      id: v(first(d, RAM, 'IssuerAssignedID')),
    })),
    allowances,
    charges,
    totals: summation
      ? {
          el: summation,
          lineTotal: v(first(summation, RAM, 'LineTotalAmount')),
          allowanceTotal: v(first(summation, RAM, 'AllowanceTotalAmount')),
          chargeTotal: v(first(summation, RAM, 'ChargeTotalAmount')),
          taxExclusive: v(first(summation, RAM, 'TaxBasisTotalAmount')),
          taxInclusive: v(first(summation, RAM, 'GrandTotalAmount')),
          prepaid: v(first(summation, RAM, 'TotalPrepaidAmount')),
          rounding: v(first(summation, RAM, 'RoundingAmount')),
          payable: v(first(summation, RAM, 'DuePayableAmount')),
        }
      : undefined,
    taxTotals: summation
      ? [
          {
            el: summation,
            amounts: all(summation, RAM, 'TaxTotalAmount').map((a) => ({
              v: { el: a, text: a.text },
              currency: a.attrs.get('currencyID'),
            })),
          },
        ]
      : [],
    breakdowns,
    lines: all(tx, RAM, 'IncludedSupplyChainTradeLineItem').map(line),
    additionalDocs: all(agreement, RAM, 'AdditionalReferencedDocument').map((d) => ({
      el: d,
      id: v(first(d, RAM, 'IssuerAssignedID')),
    })),
    allCategories,
  };
}
