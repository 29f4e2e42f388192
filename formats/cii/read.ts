/**
 * UN/CEFACT CII D16B CrossIndustryInvoice → EN 16931 model, following the CII syntax binding (CEN/TS 16931-3-3).
 * Never throws on incomplete documents: absent terms stay undefined, absent repeated groups stay empty.
 * Dates in format 102 become ISO dates; BT-8 codes become UNTDID 2005 codes (see `codes.ts`).
 */
import { FormatError } from '../errors.ts';
import type {
  AdditionalSupportingDocument,
  ClassificationIdentifier,
  CreditTransfer,
  DocumentAllowance,
  DocumentCharge,
  Identifier,
  Invoice,
  InvoiceLine,
  PaymentInstructions,
  PostalAddress,
  VatBreakdown,
} from '../model/invoice.ts';
import { allowanceChargeTerms } from '../model/allowance-terms.ts';
import { emptyInvoice } from '../model/invoice.ts';
import { LocationRecorder } from '../model/locations.ts';
import type { SyntaxReadResult } from '../model/locations.ts';
import { nonEmpty, prune } from '../model/prune.ts';
import { NS } from '../xml/ns.ts';
import { child, children } from '../xml/query.ts';
import type { XmlElement } from '../xml/parse.ts';
import { bt8FromCii, dateFromCii } from './codes.ts';

type El = XmlElement | undefined;

const ram = (el: El, local: string): El => child(el, NS.RAM, local);
const rams = (el: El, local: string): XmlElement[] => children(el, NS.RAM, local);
const trimmed = (el: El): string | undefined => (el ? el.text.trim() : undefined);

/** The date string inside a CII date-time element (udt:DateTimeString, qdt:DateTimeString or udt:DateString). */
function dateElement(el: El): El {
  if (!el) return undefined;
  return (
    child(el, NS.UDT, 'DateTimeString') ?? child(el, NS.QDT, 'DateTimeString') ?? child(el, NS.UDT, 'DateString') ?? el
  );
}

function date(rec: LocationRecorder, id: string, el: El): string | undefined {
  const d = dateElement(el);
  if (!d || !el) return undefined;
  return dateFromCii(rec.text(id, d));
}

function ident(rec: LocationRecorder, id: string, el: El, schemeAttr = 'schemeID'): Identifier | undefined {
  const value = rec.text(id, el);
  if (value === undefined || !el) return undefined;
  const schemeId = el.attrs.get(schemeAttr);
  if (schemeId !== undefined) rec.at(`${id}-1`, el);
  return prune({ value, schemeId: schemeId?.trim() });
}

/** The first party identifier: `ram:ID` or `ram:GlobalID`. */
function firstPartyId(party: El): El {
  return ram(party, 'ID') ?? ram(party, 'GlobalID');
}

function address(rec: LocationRecorder, group: string, el: El, ids: readonly string[]): PostalAddress | undefined {
  if (!el) return undefined;
  rec.at(group, el);
  const [l1, l2, l3, city, pc, sub, cc] = ids as [string, string, string, string, string, string, string];
  return prune({
    line1: rec.text(l1, ram(el, 'LineOne')),
    line2: rec.text(l2, ram(el, 'LineTwo')),
    line3: rec.text(l3, ram(el, 'LineThree')),
    city: rec.text(city, ram(el, 'CityName')),
    postCode: rec.text(pc, ram(el, 'PostcodeCode')),
    countrySubdivision: rec.text(sub, ram(el, 'CountrySubDivisionName')),
    countryCode: rec.text(cc, ram(el, 'CountryID')),
  });
}

function contact(rec: LocationRecorder, group: string, el: El, ids: readonly [string, string, string]) {
  if (!el) return undefined;
  rec.at(group, el);
  return prune({
    point: rec.text(ids[0], ram(el, 'PersonName') ?? ram(el, 'DepartmentName')),
    telephone: rec.text(ids[1], ram(ram(el, 'TelephoneUniversalCommunication'), 'CompleteNumber')),
    email: rec.text(ids[2], ram(ram(el, 'EmailURIUniversalCommunication'), 'URIID')),
  });
}

function taxRegistration(party: El, scheme: string): El {
  for (const reg of rams(party, 'SpecifiedTaxRegistration')) {
    const id = ram(reg, 'ID');
    if (id?.attrs.get('schemeID')?.trim() === scheme) return id;
  }
  return undefined;
}

function readSeller(rec: LocationRecorder, party: El): Invoice['seller'] {
  if (party) rec.at('BG-4', party);
  const legal = ram(party, 'SpecifiedLegalOrganization');
  const identifiers: Identifier[] = [];
  for (const el of [...rams(party, 'ID'), ...rams(party, 'GlobalID')]) {
    const v = ident(rec, `BT-29[${identifiers.length + 1}]`, el);
    if (v) identifiers.push(v);
  }
  return prune({
    name: rec.text('BT-27', ram(party, 'Name')),
    tradingName: rec.text('BT-28', ram(legal, 'TradingBusinessName')),
    identifiers,
    legalRegistrationId: ident(rec, 'BT-30', ram(legal, 'ID')),
    vatId: rec.text('BT-31', taxRegistration(party, 'VA')),
    taxRegistrationId: rec.text('BT-32', taxRegistration(party, 'FC')),
    additionalLegalInformation: rec.text('BT-33', ram(party, 'Description')),
    electronicAddress: ident(rec, 'BT-34', ram(ram(party, 'URIUniversalCommunication'), 'URIID')),
    postalAddress:
      address(rec, 'BG-5', ram(party, 'PostalTradeAddress'), [
        'BT-35',
        'BT-36',
        'BT-162',
        'BT-37',
        'BT-38',
        'BT-39',
        'BT-40',
      ]) ?? {},
    contact: contact(rec, 'BG-6', ram(party, 'DefinedTradeContact'), ['BT-41', 'BT-42', 'BT-43']),
  });
}

function readBuyer(rec: LocationRecorder, party: El): Invoice['buyer'] {
  if (party) rec.at('BG-7', party);
  const legal = ram(party, 'SpecifiedLegalOrganization');
  return prune({
    name: rec.text('BT-44', ram(party, 'Name')),
    tradingName: rec.text('BT-45', ram(legal, 'TradingBusinessName')),
    identifier: ident(rec, 'BT-46', firstPartyId(party)),
    legalRegistrationId: ident(rec, 'BT-47', ram(legal, 'ID')),
    vatId: rec.text('BT-48', taxRegistration(party, 'VA')),
    electronicAddress: ident(rec, 'BT-49', ram(ram(party, 'URIUniversalCommunication'), 'URIID')),
    postalAddress:
      address(rec, 'BG-8', ram(party, 'PostalTradeAddress'), [
        'BT-50',
        'BT-51',
        'BT-163',
        'BT-52',
        'BT-53',
        'BT-54',
        'BT-55',
      ]) ?? {},
    contact: contact(rec, 'BG-9', ram(party, 'DefinedTradeContact'), ['BT-56', 'BT-57', 'BT-58']),
  });
}

function readPayment(rec: LocationRecorder, settlement: El, terms: El): PaymentInstructions | undefined {
  const means = rams(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const creditor = ram(settlement, 'CreditorReferenceID');
  const mandate = ram(terms, 'DirectDebitMandateID');
  const remittance = ram(settlement, 'PaymentReference');
  const first = means[0];
  if (!first && !creditor && !mandate && !remittance) return undefined;
  if (first) rec.at('BG-16', first);
  const creditTransfers: CreditTransfer[] = [];
  for (const m of means) {
    const acc = ram(m, 'PayeePartyCreditorFinancialAccount');
    if (!acc) continue;
    const r = rec.group('BG-17', creditTransfers.length, acc);
    creditTransfers.push(
      prune({
        accountId: r.text('BT-84', ram(acc, 'IBANID') ?? ram(acc, 'ProprietaryID')),
        accountName: r.text('BT-85', ram(acc, 'AccountName')),
        serviceProviderId: r.text('BT-86', ram(ram(m, 'PayeeSpecifiedCreditorFinancialInstitution'), 'BICID')),
      }),
    );
  }
  const card = means.map((m) => ram(m, 'ApplicableTradeSettlementFinancialCard')).find((c) => c !== undefined);
  if (card) rec.at('BG-18', card);
  const debtor = means.map((m) => ram(m, 'PayerPartyDebtorFinancialAccount')).find((c) => c !== undefined);
  const debited = ram(debtor, 'IBANID');
  const directDebit =
    mandate || creditor || debited
      ? prune({
          mandateReference: rec.text('BT-89', mandate),
          creditorId: rec.text('BT-90', creditor),
          debitedAccountId: rec.text('BT-91', debited),
        })
      : undefined;
  // An empty PaymentMeans carries no term: BG-16 stays absent (its element is still in the locations).
  return nonEmpty(
    prune({
      meansTypeCode: rec.text('BT-81', ram(first, 'TypeCode')),
      meansText: rec.text('BT-82', ram(first, 'Information')),
      remittanceInformation: rec.text('BT-83', remittance),
      creditTransfers,
      paymentCard: card
        ? prune({
            primaryAccountNumber: rec.text('BT-87', ram(card, 'ID')),
            holderName: rec.text('BT-88', ram(card, 'CardholderName')),
          })
        : undefined,
      directDebit,
    }),
  );
}

function isCharge(ac: XmlElement): boolean {
  const v = trimmed(child(ram(ac, 'ChargeIndicator'), NS.UDT, 'Indicator'));
  return v === 'true' || v === '1';
}

function readDocumentAllowanceCharges(rec: LocationRecorder, settlement: El, inv: Invoice): void {
  for (const ac of rams(settlement, 'SpecifiedTradeAllowanceCharge')) {
    const charge = isCharge(ac);
    const ids = allowanceChargeTerms(charge);
    const r = rec.group(ids[0], charge ? inv.charges.length : inv.allowances.length, ac);
    const tax = ram(ac, 'CategoryTradeTax');
    const v: DocumentAllowance | DocumentCharge = prune({
      amount: r.text(ids[1], ram(ac, 'ActualAmount')),
      baseAmount: r.text(ids[2], ram(ac, 'BasisAmount')),
      percentage: r.text(ids[3], ram(ac, 'CalculationPercent')),
      vatCategoryCode: r.text(ids[4], ram(tax, 'CategoryCode')),
      vatRate: r.text(ids[5], ram(tax, 'RateApplicablePercent')),
      reason: r.text(ids[6], ram(ac, 'Reason')),
      reasonCode: r.text(ids[7], ram(ac, 'ReasonCode')),
    });
    (charge ? inv.charges : inv.allowances).push(v);
  }
}

function readTotals(rec: LocationRecorder, settlement: El, inv: Invoice): void {
  const sum = ram(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  if (sum) rec.at('BG-22', sum);
  let bt110: El;
  let bt111: El;
  for (const amount of rams(sum, 'TaxTotalAmount')) {
    const cur = amount.attrs.get('currencyID')?.trim();
    if (
      inv.vatAccountingCurrencyCode !== undefined &&
      cur === inv.vatAccountingCurrencyCode &&
      cur !== inv.currencyCode
    )
      bt111 ??= amount;
    else if (bt110 === undefined) bt110 = amount;
    else bt111 ??= amount;
  }
  inv.totals = prune({
    lineNetAmount: rec.text('BT-106', ram(sum, 'LineTotalAmount')),
    allowanceTotalAmount: rec.text('BT-107', ram(sum, 'AllowanceTotalAmount')),
    chargeTotalAmount: rec.text('BT-108', ram(sum, 'ChargeTotalAmount')),
    taxExclusiveAmount: rec.text('BT-109', ram(sum, 'TaxBasisTotalAmount')),
    taxAmount: rec.text('BT-110', bt110),
    taxAmountInAccountingCurrency: rec.text('BT-111', bt111),
    taxInclusiveAmount: rec.text('BT-112', ram(sum, 'GrandTotalAmount')),
    paidAmount: rec.text('BT-113', ram(sum, 'TotalPrepaidAmount')),
    roundingAmount: rec.text('BT-114', ram(sum, 'RoundingAmount')),
    payableAmount: rec.text('BT-115', ram(sum, 'DuePayableAmount')),
  });
  const breakdown: VatBreakdown[] = [];
  for (const tax of rams(settlement, 'ApplicableTradeTax')) {
    const r = rec.group('BG-23', breakdown.length, tax);
    breakdown.push(
      prune({
        taxableAmount: r.text('BT-116', ram(tax, 'BasisAmount')),
        taxAmount: r.text('BT-117', ram(tax, 'CalculatedAmount')),
        categoryCode: r.text('BT-118', ram(tax, 'CategoryCode')),
        rate: r.text('BT-119', ram(tax, 'RateApplicablePercent')),
        exemptionReason: r.text('BT-120', ram(tax, 'ExemptionReason')),
        exemptionReasonCode: r.text('BT-121', ram(tax, 'ExemptionReasonCode')),
      }),
    );
  }
  inv.vatBreakdown = breakdown;
}

function readLine(r: LocationRecorder, line: XmlElement): InvoiceLine {
  const doc = ram(line, 'AssociatedDocumentLineDocument');
  const product = ram(line, 'SpecifiedTradeProduct');
  const agreement = ram(line, 'SpecifiedLineTradeAgreement');
  const delivery = ram(line, 'SpecifiedLineTradeDelivery');
  const settlement = ram(line, 'SpecifiedLineTradeSettlement');
  const qty = ram(delivery, 'BilledQuantity');
  const unit = qty?.attrs.get('unitCode');
  if (unit !== undefined) r.at('BT-130', qty);
  const period = ram(settlement, 'BillingSpecifiedPeriod');
  if (period) r.at('BG-26', period);
  const allowances: InvoiceLine['allowances'] = [];
  const charges: InvoiceLine['charges'] = [];
  for (const ac of rams(settlement, 'SpecifiedTradeAllowanceCharge')) {
    const charge = isCharge(ac);
    const ids = charge
      ? (['BG-28', 'BT-141', 'BT-142', 'BT-143', 'BT-144', 'BT-145'] as const)
      : (['BG-27', 'BT-136', 'BT-137', 'BT-138', 'BT-139', 'BT-140'] as const);
    const list = charge ? charges : allowances;
    const g = r.group(ids[0], list.length, ac);
    list.push(
      prune({
        amount: g.text(ids[1], ram(ac, 'ActualAmount')),
        baseAmount: g.text(ids[2], ram(ac, 'BasisAmount')),
        percentage: g.text(ids[3], ram(ac, 'CalculationPercent')),
        reason: g.text(ids[4], ram(ac, 'Reason')),
        reasonCode: g.text(ids[5], ram(ac, 'ReasonCode')),
      }),
    );
  }
  const gross = ram(agreement, 'GrossPriceProductTradePrice');
  const net = ram(agreement, 'NetPriceProductTradePrice');
  if (net ?? gross) r.at('BG-29', net ?? gross);
  const baseQty = ram(net, 'BasisQuantity') ?? ram(gross, 'BasisQuantity');
  const baseUnit = baseQty?.attrs.get('unitCode');
  if (baseUnit !== undefined) r.at('BT-150', baseQty);
  const grossAc = rams(gross, 'AppliedTradeAllowanceCharge').find((ac) => !isCharge(ac));
  const vat = rams(settlement, 'ApplicableTradeTax')[0];
  if (vat) r.at('BG-30', vat);
  if (product) r.at('BG-31', product);
  const classificationIds: ClassificationIdentifier[] = [];
  for (const dpc of rams(product, 'DesignatedProductClassification')) {
    const code = ram(dpc, 'ClassCode');
    if (!code) continue;
    const key = `BT-158[${classificationIds.length + 1}]`;
    const value = r.text(key, code) ?? '';
    const schemeId = code.attrs.get('listID')?.trim();
    const schemeVersionId = code.attrs.get('listVersionID')?.trim();
    if (schemeId !== undefined) r.at(`${key}-1`, code);
    if (schemeVersionId !== undefined) r.at(`${key}-2`, code);
    classificationIds.push(prune({ value, schemeId, schemeVersionId }));
  }
  const attributes = rams(product, 'ApplicableProductCharacteristic').map((p, k) => {
    const g = r.group('BG-32', k, p);
    return prune({ name: g.text('BT-160', ram(p, 'Description')), value: g.text('BT-161', ram(p, 'Value')) });
  });
  const objectRef =
    rams(settlement, 'AdditionalReferencedDocument').find((d) => trimmed(ram(d, 'TypeCode')) === '130') ??
    ram(settlement, 'AdditionalReferencedDocument');
  const objectIdEl = ram(objectRef, 'IssuerAssignedID');
  const objectScheme = ram(objectRef, 'ReferenceTypeCode');
  let objectId: Identifier | undefined;
  if (objectIdEl) {
    objectId = prune({ value: r.text('BT-128', objectIdEl) ?? '', schemeId: r.text('BT-128-1', objectScheme) });
  }
  return prune({
    id: r.text('BT-126', ram(doc, 'LineID')),
    note: r.text('BT-127', ram(ram(doc, 'IncludedNote'), 'Content')),
    objectId,
    quantity: r.text('BT-129', qty),
    unitCode: unit?.trim(),
    netAmount: r.text(
      'BT-131',
      ram(ram(settlement, 'SpecifiedTradeSettlementLineMonetarySummation'), 'LineTotalAmount'),
    ),
    orderLineReference: r.text('BT-132', ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'LineID')),
    buyerAccountingReference: r.text('BT-133', ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID')),
    period: period
      ? prune({
          startDate: date(r, 'BT-134', ram(period, 'StartDateTime')),
          endDate: date(r, 'BT-135', ram(period, 'EndDateTime')),
        })
      : undefined,
    allowances,
    charges,
    price: prune({
      netPrice: r.text('BT-146', ram(net, 'ChargeAmount')),
      discount: r.text('BT-147', ram(grossAc, 'ActualAmount')),
      grossPrice: r.text('BT-148', ram(gross, 'ChargeAmount')),
      baseQuantity: r.text('BT-149', baseQty),
      baseQuantityUnitCode: baseUnit?.trim(),
    }),
    vat: prune({
      categoryCode: r.text('BT-151', ram(vat, 'CategoryCode')),
      rate: r.text('BT-152', ram(vat, 'RateApplicablePercent')),
    }),
    item: prune({
      name: r.text('BT-153', ram(product, 'Name')),
      description: r.text('BT-154', ram(product, 'Description')),
      sellerId: r.text('BT-155', ram(product, 'SellerAssignedID')),
      buyerId: r.text('BT-156', ram(product, 'BuyerAssignedID')),
      standardId: ident(r, 'BT-157', ram(product, 'GlobalID')),
      classificationIds,
      countryOfOrigin: r.text('BT-159', ram(ram(product, 'OriginTradeCountry'), 'ID')),
      attributes,
    }),
  });
}

/** True when the element is a CII D16B CrossIndustryInvoice root. */
export function isCiiRoot(root: XmlElement): boolean {
  return root.ns === NS.RSM && root.local === 'CrossIndustryInvoice';
}

/** Maps a parsed CII CrossIndustryInvoice to the EN 16931 model. */
export function readCii(root: XmlElement): SyntaxReadResult {
  if (!isCiiRoot(root)) {
    throw new FormatError(
      'UNSUPPORTED_ROOT',
      `Racine non reconnue comme facture CII D16B : {${root.ns}}${root.local}.`,
    );
  }
  const rec = new LocationRecorder();
  const inv = emptyInvoice();
  const context = child(root, NS.RSM, 'ExchangedDocumentContext');
  const document = child(root, NS.RSM, 'ExchangedDocument');
  const transaction = child(root, NS.RSM, 'SupplyChainTradeTransaction');
  const agreement = ram(transaction, 'ApplicableHeaderTradeAgreement');
  const delivery = ram(transaction, 'ApplicableHeaderTradeDelivery');
  const settlement = ram(transaction, 'ApplicableHeaderTradeSettlement');
  const taxes = rams(settlement, 'ApplicableTradeTax');
  const terms = rams(settlement, 'SpecifiedTradePaymentTerms');

  inv.number = rec.text('BT-1', ram(document, 'ID'));
  inv.issueDate = date(rec, 'BT-2', ram(document, 'IssueDateTime'));
  inv.typeCode = rec.text('BT-3', ram(document, 'TypeCode'));
  inv.currencyCode = rec.text('BT-5', ram(settlement, 'InvoiceCurrencyCode'));
  inv.vatAccountingCurrencyCode = rec.text('BT-6', ram(settlement, 'TaxCurrencyCode'));
  inv.vatPointDate = date(
    rec,
    'BT-7',
    taxes.map((t) => ram(t, 'TaxPointDate')).find((d) => d !== undefined),
  );
  inv.vatPointDateCode = bt8FromCii(
    rec.text(
      'BT-8',
      taxes.map((t) => ram(t, 'DueDateTypeCode')).find((d) => d !== undefined),
    ),
  );
  inv.paymentDueDate = date(
    rec,
    'BT-9',
    terms.map((t) => ram(t, 'DueDateDateTime')).find((d) => d !== undefined),
  );
  inv.buyerReference = rec.text('BT-10', ram(agreement, 'BuyerReference'));
  inv.projectReference = rec.text('BT-11', ram(ram(agreement, 'SpecifiedProcuringProject'), 'ID'));
  inv.contractReference = rec.text('BT-12', ram(ram(agreement, 'ContractReferencedDocument'), 'IssuerAssignedID'));
  inv.purchaseOrderReference = rec.text(
    'BT-13',
    ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.salesOrderReference = rec.text('BT-14', ram(ram(agreement, 'SellerOrderReferencedDocument'), 'IssuerAssignedID'));
  inv.receivingAdviceReference = rec.text(
    'BT-15',
    ram(ram(delivery, 'ReceivingAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.despatchAdviceReference = rec.text(
    'BT-16',
    ram(ram(delivery, 'DespatchAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
  const adrs = rams(agreement, 'AdditionalReferencedDocument');
  const typeOf = (d: XmlElement) => trimmed(ram(d, 'TypeCode'));
  const tenderAdr = adrs.find((d) => typeOf(d) === '50');
  const objectAdr = adrs.find((d) => typeOf(d) === '130');
  inv.tenderOrLotReference = rec.text('BT-17', ram(tenderAdr, 'IssuerAssignedID'));
  const objectId = ram(objectAdr, 'IssuerAssignedID');
  if (objectId) {
    inv.invoicedObjectId = prune({
      value: rec.text('BT-18', objectId) ?? '',
      schemeId: rec.text('BT-18-1', ram(objectAdr, 'ReferenceTypeCode')),
    });
  }
  inv.buyerAccountingReference = rec.text(
    'BT-19',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
  inv.paymentTerms = rec.text(
    'BT-20',
    terms.map((t) => ram(t, 'Description')).find((d) => d !== undefined),
  );

  rams(document, 'IncludedNote').forEach((n, k) => {
    const r = rec.group('BG-1', k, n);
    inv.notes.push(
      prune({ subjectCode: r.text('BT-21', ram(n, 'SubjectCode')), note: r.text('BT-22', ram(n, 'Content')) }),
    );
  });

  inv.processControl = prune({
    businessProcessType: rec.text('BT-23', ram(ram(context, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID')),
    specificationIdentifier: rec.text('BT-24', ram(ram(context, 'GuidelineSpecifiedDocumentContextParameter'), 'ID')),
  });

  rams(settlement, 'InvoiceReferencedDocument').forEach((ref, k) => {
    const r = rec.group('BG-3', k, ref);
    inv.precedingInvoices.push(
      prune({
        reference: r.text('BT-25', ram(ref, 'IssuerAssignedID')),
        issueDate: date(r, 'BT-26', ram(ref, 'FormattedIssueDateTime')),
      }),
    );
  });

  inv.seller = readSeller(rec, ram(agreement, 'SellerTradeParty'));
  inv.buyer = readBuyer(rec, ram(agreement, 'BuyerTradeParty'));

  const payee = ram(settlement, 'PayeeTradeParty');
  if (payee) {
    rec.at('BG-10', payee);
    inv.payee = prune({
      name: rec.text('BT-59', ram(payee, 'Name')),
      identifier: ident(rec, 'BT-60', firstPartyId(payee)),
      legalRegistrationId: ident(rec, 'BT-61', ram(ram(payee, 'SpecifiedLegalOrganization'), 'ID')),
    });
  }

  const rep = ram(agreement, 'SellerTaxRepresentativeTradeParty');
  if (rep) {
    rec.at('BG-11', rep);
    inv.taxRepresentative = prune({
      name: rec.text('BT-62', ram(rep, 'Name')),
      vatId: rec.text('BT-63', taxRegistration(rep, 'VA') ?? ram(ram(rep, 'SpecifiedTaxRegistration'), 'ID')),
      postalAddress:
        address(rec, 'BG-12', ram(rep, 'PostalTradeAddress'), [
          'BT-64',
          'BT-65',
          'BT-164',
          'BT-66',
          'BT-67',
          'BT-68',
          'BT-69',
        ]) ?? {},
    });
  }

  const shipTo = ram(delivery, 'ShipToTradeParty');
  const event = ram(delivery, 'ActualDeliverySupplyChainEvent');
  if (shipTo || event) {
    if (shipTo) rec.at('BG-13', shipTo);
    inv.delivery = prune({
      partyName: rec.text('BT-70', ram(shipTo, 'Name')),
      locationId: ident(rec, 'BT-71', firstPartyId(shipTo)),
      actualDeliveryDate: date(rec, 'BT-72', ram(event, 'OccurrenceDateTime')),
      address: address(rec, 'BG-15', ram(shipTo, 'PostalTradeAddress'), [
        'BT-75',
        'BT-76',
        'BT-165',
        'BT-77',
        'BT-78',
        'BT-79',
        'BT-80',
      ]),
    });
  }

  const period = ram(settlement, 'BillingSpecifiedPeriod');
  if (period) {
    rec.at('BG-14', period);
    inv.invoicingPeriod = prune({
      startDate: date(rec, 'BT-73', ram(period, 'StartDateTime')),
      endDate: date(rec, 'BT-74', ram(period, 'EndDateTime')),
    });
  }

  inv.paymentInstructions = readPayment(
    rec,
    settlement,
    terms.find((t) => ram(t, 'DirectDebitMandateID') !== undefined),
  );
  readDocumentAllowanceCharges(rec, settlement, inv);
  readTotals(rec, settlement, inv);

  adrs
    .filter((d) => d !== tenderAdr && d !== objectAdr)
    .forEach((d, k) => {
      const r = rec.group('BG-24', k, d);
      const bin = ram(d, 'AttachmentBinaryObject');
      if (bin) r.at('BT-125', bin);
      const mime = bin?.attrs.get('mimeCode');
      const filename = bin?.attrs.get('filename');
      if (mime !== undefined) r.at('BT-125-1', bin);
      if (filename !== undefined) r.at('BT-125-2', bin);
      const doc: AdditionalSupportingDocument = prune({
        reference: r.text('BT-122', ram(d, 'IssuerAssignedID')),
        description: r.text('BT-123', ram(d, 'Name')),
        externalLocation: r.text('BT-124', ram(d, 'URIID')),
        attachment: bin
          ? prune({ content: bin.text.replace(/\s+/g, ''), mimeCode: mime?.trim(), filename: filename?.trim() })
          : undefined,
      });
      inv.additionalDocuments.push(doc);
    });

  rams(transaction, 'IncludedSupplyChainTradeLineItem').forEach((line, k) => {
    inv.lines.push(readLine(rec.group('BG-25', k, line), line));
  });

  return { syntax: 'CII', invoice: prune(inv), root, locations: rec.map };
}
