/**
 * UBL 2.1 Invoice / CreditNote → EN 16931 model, following the UBL syntax binding (CEN/TS 16931-3-2).
 * Never throws on incomplete documents: absent terms stay undefined, absent repeated groups stay empty.
 */
import { FormatError } from '../errors.ts';
import type {
  AdditionalSupportingDocument,
  Buyer,
  ClassificationIdentifier,
  CreditTransfer,
  DeliveryInformation,
  DocumentAllowance,
  DocumentCharge,
  Identifier,
  Invoice,
  InvoiceLine,
  InvoiceNote,
  PaymentInstructions,
  PostalAddress,
  Seller,
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

type El = XmlElement | undefined;

const cbc = (el: El, local: string): El => child(el, NS.CBC, local);
const cac = (el: El, local: string): El => child(el, NS.CAC, local);
const cacs = (el: El, local: string): XmlElement[] => children(el, NS.CAC, local);
const trimmed = (el: El): string | undefined => (el ? el.text.trim() : undefined);

/** Reads an identifier and its scheme attribute (`schemeID` by default), recording `id` and `id-1`. */
function ident(rec: LocationRecorder, id: string, el: El, schemeAttr = 'schemeID'): Identifier | undefined {
  const value = rec.text(id, el);
  if (value === undefined || !el) return undefined;
  const schemeId = el.attrs.get(schemeAttr);
  if (schemeId !== undefined) rec.at(`${id}-1`, el);
  return prune({ value, schemeId: schemeId?.trim() });
}

/** Reads a postal address whose terms are `ids` = [line1, line2, line3, city, postCode, subdivision, country]. */
function address(rec: LocationRecorder, group: string, el: El, ids: readonly string[]): PostalAddress | undefined {
  if (!el) return undefined;
  rec.at(group, el);
  const [l1, l2, l3, city, pc, sub, cc] = ids as [string, string, string, string, string, string, string];
  return prune({
    line1: rec.text(l1, cbc(el, 'StreetName')),
    line2: rec.text(l2, cbc(el, 'AdditionalStreetName')),
    line3: rec.text(l3, cbc(cac(el, 'AddressLine'), 'Line')),
    city: rec.text(city, cbc(el, 'CityName')),
    postCode: rec.text(pc, cbc(el, 'PostalZone')),
    countrySubdivision: rec.text(sub, cbc(el, 'CountrySubentity')),
    countryCode: rec.text(cc, cbc(cac(el, 'Country'), 'IdentificationCode')),
  });
}

function contact(rec: LocationRecorder, group: string, el: El, ids: readonly [string, string, string]) {
  if (!el) return undefined;
  rec.at(group, el);
  return prune({
    point: rec.text(ids[0], cbc(el, 'Name')),
    telephone: rec.text(ids[1], cbc(el, 'Telephone')),
    email: rec.text(ids[2], cbc(el, 'ElectronicMail')),
  });
}

function isVatScheme(pts: XmlElement): boolean {
  return trimmed(cbc(cac(pts, 'TaxScheme'), 'ID'))?.toUpperCase() === 'VAT';
}

function partyIdentifiers(party: El): { ids: XmlElement[]; sepa: XmlElement | undefined } {
  const ids: XmlElement[] = [];
  let sepa: XmlElement | undefined;
  for (const pi of cacs(party, 'PartyIdentification')) {
    const id = cbc(pi, 'ID');
    if (!id) continue;
    if (id.attrs.get('schemeID')?.trim() === 'SEPA') sepa ??= id;
    else ids.push(id);
  }
  return { ids, sepa };
}

function readSeller(rec: LocationRecorder, party: El): { seller: Seller; sepa: El } {
  if (party) rec.at('BG-4', party);
  const { ids, sepa } = partyIdentifiers(party);
  const taxSchemes = cacs(party, 'PartyTaxScheme');
  const vat = taxSchemes.find(isVatScheme);
  const other = taxSchemes.find((p) => !isVatScheme(p));
  const legal = cac(party, 'PartyLegalEntity');
  const identifiers: Identifier[] = [];
  ids.forEach((el, k) => {
    const v = ident(rec, `BT-29[${k + 1}]`, el);
    if (v) identifiers.push(v);
  });
  const seller: Seller = prune({
    name: rec.text('BT-27', cbc(legal, 'RegistrationName')),
    tradingName: rec.text('BT-28', cbc(cac(party, 'PartyName'), 'Name')),
    identifiers,
    legalRegistrationId: ident(rec, 'BT-30', cbc(legal, 'CompanyID')),
    vatId: rec.text('BT-31', cbc(vat, 'CompanyID')),
    taxRegistrationId: rec.text('BT-32', cbc(other, 'CompanyID')),
    additionalLegalInformation: rec.text('BT-33', cbc(legal, 'CompanyLegalForm')),
    electronicAddress: ident(rec, 'BT-34', cbc(party, 'EndpointID')),
    postalAddress:
      address(rec, 'BG-5', cac(party, 'PostalAddress'), [
        'BT-35',
        'BT-36',
        'BT-162',
        'BT-37',
        'BT-38',
        'BT-39',
        'BT-40',
      ]) ?? {},
    contact: contact(rec, 'BG-6', cac(party, 'Contact'), ['BT-41', 'BT-42', 'BT-43']),
  });
  return { seller, sepa };
}

function readBuyer(rec: LocationRecorder, party: El): Buyer {
  if (party) rec.at('BG-7', party);
  const { ids } = partyIdentifiers(party);
  const vat = cacs(party, 'PartyTaxScheme').find(isVatScheme) ?? cac(party, 'PartyTaxScheme');
  const legal = cac(party, 'PartyLegalEntity');
  return prune({
    name: rec.text('BT-44', cbc(legal, 'RegistrationName')),
    tradingName: rec.text('BT-45', cbc(cac(party, 'PartyName'), 'Name')),
    identifier: ident(rec, 'BT-46', ids[0]),
    legalRegistrationId: ident(rec, 'BT-47', cbc(legal, 'CompanyID')),
    vatId: rec.text('BT-48', cbc(vat, 'CompanyID')),
    electronicAddress: ident(rec, 'BT-49', cbc(party, 'EndpointID')),
    postalAddress:
      address(rec, 'BG-8', cac(party, 'PostalAddress'), [
        'BT-50',
        'BT-51',
        'BT-163',
        'BT-52',
        'BT-53',
        'BT-54',
        'BT-55',
      ]) ?? {},
    contact: contact(rec, 'BG-9', cac(party, 'Contact'), ['BT-56', 'BT-57', 'BT-58']),
  });
}

function readPayee(rec: LocationRecorder, party: El): { payee: Invoice['payee']; sepa: El } {
  if (!party) return { payee: undefined, sepa: undefined };
  rec.at('BG-10', party);
  const { ids, sepa } = partyIdentifiers(party);
  const payee = prune({
    name: rec.text('BT-59', cbc(cac(party, 'PartyName'), 'Name')),
    identifier: ident(rec, 'BT-60', ids[0]),
    legalRegistrationId: ident(rec, 'BT-61', cbc(cac(party, 'PartyLegalEntity'), 'CompanyID')),
  });
  return { payee, sepa };
}

function readTaxRepresentative(rec: LocationRecorder, party: El): Invoice['taxRepresentative'] {
  if (!party) return undefined;
  rec.at('BG-11', party);
  return prune({
    name: rec.text('BT-62', cbc(cac(party, 'PartyName'), 'Name')),
    vatId: rec.text('BT-63', cbc(cac(party, 'PartyTaxScheme'), 'CompanyID')),
    postalAddress:
      address(rec, 'BG-12', cac(party, 'PostalAddress'), [
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

function readDelivery(rec: LocationRecorder, el: El): DeliveryInformation | undefined {
  if (!el) return undefined;
  rec.at('BG-13', el);
  const loc = cac(el, 'DeliveryLocation');
  return prune({
    partyName: rec.text('BT-70', cbc(cac(cac(el, 'DeliveryParty'), 'PartyName'), 'Name')),
    locationId: ident(rec, 'BT-71', cbc(loc, 'ID')),
    actualDeliveryDate: rec.text('BT-72', cbc(el, 'ActualDeliveryDate')),
    address: address(rec, 'BG-15', cac(loc, 'Address'), [
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

function readPayment(rec: LocationRecorder, means: XmlElement[], sepa: El): PaymentInstructions | undefined {
  const first = means[0];
  if (!first && !sepa) return undefined;
  if (first) rec.at('BG-16', first);
  const code = cbc(first, 'PaymentMeansCode');
  const creditTransfers: CreditTransfer[] = [];
  for (const m of means) {
    for (const acc of cacs(m, 'PayeeFinancialAccount')) {
      const r = rec.group('BG-17', creditTransfers.length, acc);
      creditTransfers.push(
        prune({
          accountId: r.text('BT-84', cbc(acc, 'ID')),
          accountName: r.text('BT-85', cbc(acc, 'Name')),
          serviceProviderId: r.text('BT-86', cbc(cac(acc, 'FinancialInstitutionBranch'), 'ID')),
        }),
      );
    }
  }
  const card = means.map((m) => cac(m, 'CardAccount')).find((c) => c !== undefined);
  const mandate = means.map((m) => cac(m, 'PaymentMandate')).find((c) => c !== undefined);
  if (card) rec.at('BG-18', card);
  if (mandate) rec.at('BG-19', mandate);
  const name = code?.attrs.get('name');
  if (name !== undefined && code) rec.at('BT-82', code);
  const directDebit =
    mandate || sepa
      ? prune({
          mandateReference: rec.text('BT-89', cbc(mandate, 'ID')),
          creditorId: rec.text('BT-90', sepa),
          debitedAccountId: rec.text('BT-91', cbc(cac(mandate, 'PayerFinancialAccount'), 'ID')),
        })
      : undefined;
  // An empty PaymentMeans carries no term: BG-16 stays absent (its element is still in the locations).
  return nonEmpty(
    prune({
      meansTypeCode: rec.text('BT-81', code),
      meansText: name?.trim(),
      remittanceInformation: rec.text('BT-83', cbc(first, 'PaymentID')),
      creditTransfers,
      paymentCard: card
        ? prune({
            primaryAccountNumber: rec.text('BT-87', cbc(card, 'PrimaryAccountNumberID')),
            holderName: rec.text('BT-88', cbc(card, 'HolderName')),
          })
        : undefined,
      directDebit,
    }),
  );
}

function isCharge(ac: XmlElement): boolean {
  const v = trimmed(cbc(ac, 'ChargeIndicator'));
  return v === 'true' || v === '1';
}

function readDocumentAllowanceCharges(rec: LocationRecorder, root: XmlElement, inv: Invoice): void {
  for (const ac of cacs(root, 'AllowanceCharge')) {
    const charge = isCharge(ac);
    const ids = allowanceChargeTerms(charge);
    const r = rec.group(ids[0], charge ? inv.charges.length : inv.allowances.length, ac);
    const cat = cac(ac, 'TaxCategory');
    const v: DocumentAllowance | DocumentCharge = prune({
      amount: r.text(ids[1], cbc(ac, 'Amount')),
      baseAmount: r.text(ids[2], cbc(ac, 'BaseAmount')),
      percentage: r.text(ids[3], cbc(ac, 'MultiplierFactorNumeric')),
      vatCategoryCode: r.text(ids[4], cbc(cat, 'ID')),
      vatRate: r.text(ids[5], cbc(cat, 'Percent')),
      reason: r.text(ids[6], cbc(ac, 'AllowanceChargeReason')),
      reasonCode: r.text(ids[7], cbc(ac, 'AllowanceChargeReasonCode')),
    });
    (charge ? inv.charges : inv.allowances).push(v);
  }
}

function readTotals(rec: LocationRecorder, root: XmlElement, inv: Invoice): void {
  const lmt = cac(root, 'LegalMonetaryTotal');
  if (lmt) rec.at('BG-22', lmt);
  // BT-110 is the tax total in the invoice currency, BT-111 the one in the VAT accounting currency.
  const taxTotals = cacs(root, 'TaxTotal');
  let bt110: El;
  let bt111: El;
  for (const tt of taxTotals) {
    const amount = cbc(tt, 'TaxAmount');
    if (!amount) continue;
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
    lineNetAmount: rec.text('BT-106', cbc(lmt, 'LineExtensionAmount')),
    allowanceTotalAmount: rec.text('BT-107', cbc(lmt, 'AllowanceTotalAmount')),
    chargeTotalAmount: rec.text('BT-108', cbc(lmt, 'ChargeTotalAmount')),
    taxExclusiveAmount: rec.text('BT-109', cbc(lmt, 'TaxExclusiveAmount')),
    taxAmount: rec.text('BT-110', bt110),
    taxAmountInAccountingCurrency: rec.text('BT-111', bt111),
    taxInclusiveAmount: rec.text('BT-112', cbc(lmt, 'TaxInclusiveAmount')),
    paidAmount: rec.text('BT-113', cbc(lmt, 'PrepaidAmount')),
    roundingAmount: rec.text('BT-114', cbc(lmt, 'PayableRoundingAmount')),
    payableAmount: rec.text('BT-115', cbc(lmt, 'PayableAmount')),
  });
  const breakdown: VatBreakdown[] = [];
  for (const tt of taxTotals) {
    for (const st of cacs(tt, 'TaxSubtotal')) {
      const r = rec.group('BG-23', breakdown.length, st);
      const cat = cac(st, 'TaxCategory');
      breakdown.push(
        prune({
          taxableAmount: r.text('BT-116', cbc(st, 'TaxableAmount')),
          taxAmount: r.text('BT-117', cbc(st, 'TaxAmount')),
          categoryCode: r.text('BT-118', cbc(cat, 'ID')),
          rate: r.text('BT-119', cbc(cat, 'Percent')),
          exemptionReason: r.text('BT-120', cbc(cat, 'TaxExemptionReason')),
          exemptionReasonCode: r.text('BT-121', cbc(cat, 'TaxExemptionReasonCode')),
        }),
      );
    }
  }
  inv.vatBreakdown = breakdown;
}

function readLine(r: LocationRecorder, line: XmlElement, creditNote: boolean): InvoiceLine {
  const qty =
    cbc(line, creditNote ? 'CreditedQuantity' : 'InvoicedQuantity') ??
    cbc(line, creditNote ? 'InvoicedQuantity' : 'CreditedQuantity');
  const unit = qty?.attrs.get('unitCode');
  if (unit !== undefined) r.at('BT-130', qty);
  const period = cac(line, 'InvoicePeriod');
  if (period) r.at('BG-26', period);
  const allowances: InvoiceLine['allowances'] = [];
  const charges: InvoiceLine['charges'] = [];
  for (const ac of cacs(line, 'AllowanceCharge')) {
    const charge = isCharge(ac);
    const ids = charge
      ? (['BG-28', 'BT-141', 'BT-142', 'BT-143', 'BT-144', 'BT-145'] as const)
      : (['BG-27', 'BT-136', 'BT-137', 'BT-138', 'BT-139', 'BT-140'] as const);
    const list = charge ? charges : allowances;
    const g = r.group(ids[0], list.length, ac);
    list.push(
      prune({
        amount: g.text(ids[1], cbc(ac, 'Amount')),
        baseAmount: g.text(ids[2], cbc(ac, 'BaseAmount')),
        percentage: g.text(ids[3], cbc(ac, 'MultiplierFactorNumeric')),
        reason: g.text(ids[4], cbc(ac, 'AllowanceChargeReason')),
        reasonCode: g.text(ids[5], cbc(ac, 'AllowanceChargeReasonCode')),
      }),
    );
  }
  const price = cac(line, 'Price');
  if (price) r.at('BG-29', price);
  const priceAc = cac(price, 'AllowanceCharge');
  const baseQty = cbc(price, 'BaseQuantity');
  const baseUnit = baseQty?.attrs.get('unitCode');
  if (baseUnit !== undefined) r.at('BT-150', baseQty);
  const item = cac(line, 'Item');
  if (item) r.at('BG-31', item);
  const vat = cac(item, 'ClassifiedTaxCategory');
  if (vat) r.at('BG-30', vat);
  const classificationIds: ClassificationIdentifier[] = [];
  for (const cc of cacs(item, 'CommodityClassification')) {
    const code = cbc(cc, 'ItemClassificationCode');
    if (!code) continue;
    const key = `BT-158[${classificationIds.length + 1}]`;
    const value = r.text(key, code) ?? '';
    const schemeId = code.attrs.get('listID')?.trim();
    const schemeVersionId = code.attrs.get('listVersionID')?.trim();
    if (schemeId !== undefined) r.at(`${key}-1`, code);
    if (schemeVersionId !== undefined) r.at(`${key}-2`, code);
    classificationIds.push(prune({ value, schemeId, schemeVersionId }));
  }
  const attributes = cacs(item, 'AdditionalItemProperty').map((p, k) => {
    const g = r.group('BG-32', k, p);
    return prune({ name: g.text('BT-160', cbc(p, 'Name')), value: g.text('BT-161', cbc(p, 'Value')) });
  });
  return prune({
    id: r.text('BT-126', cbc(line, 'ID')),
    note: r.text('BT-127', cbc(line, 'Note')),
    objectId: ident(r, 'BT-128', cbc(cac(line, 'DocumentReference'), 'ID')),
    quantity: r.text('BT-129', qty),
    unitCode: unit?.trim(),
    netAmount: r.text('BT-131', cbc(line, 'LineExtensionAmount')),
    orderLineReference: r.text('BT-132', cbc(cac(line, 'OrderLineReference'), 'LineID')),
    buyerAccountingReference: r.text('BT-133', cbc(line, 'AccountingCost')),
    period: period
      ? prune({
          startDate: r.text('BT-134', cbc(period, 'StartDate')),
          endDate: r.text('BT-135', cbc(period, 'EndDate')),
        })
      : undefined,
    allowances,
    charges,
    price: prune({
      netPrice: r.text('BT-146', cbc(price, 'PriceAmount')),
      discount: r.text('BT-147', cbc(priceAc, 'Amount')),
      grossPrice: r.text('BT-148', cbc(priceAc, 'BaseAmount')),
      baseQuantity: r.text('BT-149', baseQty),
      baseQuantityUnitCode: baseUnit?.trim(),
    }),
    vat: prune({ categoryCode: r.text('BT-151', cbc(vat, 'ID')), rate: r.text('BT-152', cbc(vat, 'Percent')) }),
    item: prune({
      name: r.text('BT-153', cbc(item, 'Name')),
      description: r.text('BT-154', cbc(item, 'Description')),
      sellerId: r.text('BT-155', cbc(cac(item, 'SellersItemIdentification'), 'ID')),
      buyerId: r.text('BT-156', cbc(cac(item, 'BuyersItemIdentification'), 'ID')),
      standardId: ident(r, 'BT-157', cbc(cac(item, 'StandardItemIdentification'), 'ID')),
      classificationIds,
      countryOfOrigin: r.text('BT-159', cbc(cac(item, 'OriginCountry'), 'IdentificationCode')),
      attributes,
    }),
  });
}

/** Splits a UBL note `#SUBJECT#text` into its subject code (BT-21) and text (BT-22). */
export function splitUblNote(text: string): InvoiceNote {
  const m = /^#([^#]{0,10})#([\s\S]*)$/.exec(text);
  return m ? { subjectCode: (m[1] ?? '').trim(), note: (m[2] ?? '').trim() } : { note: text };
}

/** True when the element is a UBL 2.1 Invoice or CreditNote root. */
export function isUblRoot(root: XmlElement): boolean {
  return (
    (root.ns === NS.UBL_INVOICE && root.local === 'Invoice') ||
    (root.ns === NS.UBL_CREDIT_NOTE && root.local === 'CreditNote')
  );
}

/** Maps a parsed UBL 2.1 Invoice or CreditNote to the EN 16931 model. */
export function readUbl(root: XmlElement): SyntaxReadResult {
  if (!isUblRoot(root)) {
    throw new FormatError('UNSUPPORTED_ROOT', `Racine non reconnue comme facture UBL 2.1 : {${root.ns}}${root.local}.`);
  }
  const creditNote = root.local === 'CreditNote';
  const rec = new LocationRecorder();
  const inv = emptyInvoice();

  inv.number = rec.text('BT-1', cbc(root, 'ID'));
  inv.issueDate = rec.text('BT-2', cbc(root, 'IssueDate'));
  inv.typeCode = rec.text('BT-3', cbc(root, creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'));
  inv.currencyCode = rec.text('BT-5', cbc(root, 'DocumentCurrencyCode'));
  inv.vatAccountingCurrencyCode = rec.text('BT-6', cbc(root, 'TaxCurrencyCode'));
  inv.vatPointDate = rec.text('BT-7', cbc(root, 'TaxPointDate'));
  const period = cac(root, 'InvoicePeriod');
  inv.vatPointDateCode = rec.text('BT-8', cbc(period, 'DescriptionCode'));
  const means = cacs(root, 'PaymentMeans');
  inv.paymentDueDate = creditNote
    ? rec.text('BT-9', means.map((m) => cbc(m, 'PaymentDueDate')).find((d) => d !== undefined) ?? cbc(root, 'DueDate'))
    : rec.text('BT-9', cbc(root, 'DueDate'));
  inv.buyerReference = rec.text('BT-10', cbc(root, 'BuyerReference'));

  const adrs = cacs(root, 'AdditionalDocumentReference');
  const typeOf = (d: XmlElement) => trimmed(cbc(d, 'DocumentTypeCode'));
  const projectAdr = creditNote ? adrs.find((d) => typeOf(d) === '50') : undefined;
  inv.projectReference = rec.text('BT-11', cbc(projectAdr ?? cac(root, 'ProjectReference'), 'ID'));
  inv.contractReference = rec.text('BT-12', cbc(cac(root, 'ContractDocumentReference'), 'ID'));
  const order = cac(root, 'OrderReference');
  inv.purchaseOrderReference = rec.text('BT-13', cbc(order, 'ID'));
  inv.salesOrderReference = rec.text('BT-14', cbc(order, 'SalesOrderID'));
  inv.receivingAdviceReference = rec.text('BT-15', cbc(cac(root, 'ReceiptDocumentReference'), 'ID'));
  inv.despatchAdviceReference = rec.text('BT-16', cbc(cac(root, 'DespatchDocumentReference'), 'ID'));
  inv.tenderOrLotReference = rec.text('BT-17', cbc(cac(root, 'OriginatorDocumentReference'), 'ID'));
  const objectAdr = adrs.find((d) => typeOf(d) === '130');
  inv.invoicedObjectId = ident(rec, 'BT-18', cbc(objectAdr, 'ID'));
  inv.buyerAccountingReference = rec.text('BT-19', cbc(root, 'AccountingCost'));
  const terms = cacs(root, 'PaymentTerms')
    .map((t) => cbc(t, 'Note'))
    .find((n) => n !== undefined);
  inv.paymentTerms = rec.text('BT-20', terms);

  children(root, NS.CBC, 'Note').forEach((n, k) => {
    const r = rec.group('BG-1', k, n);
    const note = prune(splitUblNote(n.text.trim()));
    r.at('BT-22', n);
    if (note.subjectCode !== undefined) r.at('BT-21', n);
    inv.notes.push(note);
  });

  inv.processControl = prune({
    businessProcessType: rec.text('BT-23', cbc(root, 'ProfileID')),
    specificationIdentifier: rec.text('BT-24', cbc(root, 'CustomizationID')),
  });

  cacs(root, 'BillingReference').forEach((br) => {
    const ref = cac(br, 'InvoiceDocumentReference');
    if (!ref) return;
    const r = rec.group('BG-3', inv.precedingInvoices.length, ref);
    inv.precedingInvoices.push(
      prune({ reference: r.text('BT-25', cbc(ref, 'ID')), issueDate: r.text('BT-26', cbc(ref, 'IssueDate')) }),
    );
  });

  const { seller, sepa: sellerSepa } = readSeller(rec, cac(cac(root, 'AccountingSupplierParty'), 'Party'));
  inv.seller = seller;
  inv.buyer = readBuyer(rec, cac(cac(root, 'AccountingCustomerParty'), 'Party'));
  const { payee, sepa: payeeSepa } = readPayee(rec, cac(root, 'PayeeParty'));
  inv.payee = payee;
  inv.taxRepresentative = readTaxRepresentative(rec, cac(root, 'TaxRepresentativeParty'));
  inv.delivery = readDelivery(rec, cac(root, 'Delivery'));
  if (period) {
    const start = cbc(period, 'StartDate');
    const end = cbc(period, 'EndDate');
    if (start || end) {
      rec.at('BG-14', period);
      inv.invoicingPeriod = prune({ startDate: rec.text('BT-73', start), endDate: rec.text('BT-74', end) });
    }
  }
  inv.paymentInstructions = readPayment(rec, means, sellerSepa ?? payeeSepa);
  readDocumentAllowanceCharges(rec, root, inv);
  readTotals(rec, root, inv);

  adrs
    .filter((d) => d !== objectAdr && d !== projectAdr)
    .forEach((d, k) => {
      const r = rec.group('BG-24', k, d);
      const att = cac(d, 'Attachment');
      const bin = cbc(att, 'EmbeddedDocumentBinaryObject');
      if (bin) r.at('BT-125', bin);
      const mime = bin?.attrs.get('mimeCode');
      const filename = bin?.attrs.get('filename');
      if (mime !== undefined) r.at('BT-125-1', bin);
      if (filename !== undefined) r.at('BT-125-2', bin);
      const doc: AdditionalSupportingDocument = prune({
        reference: r.text('BT-122', cbc(d, 'ID')),
        description: r.text('BT-123', cbc(d, 'DocumentDescription')),
        externalLocation: r.text('BT-124', cbc(cac(att, 'ExternalReference'), 'URI')),
        attachment: bin
          ? prune({ content: bin.text.replace(/\s+/g, ''), mimeCode: mime?.trim(), filename: filename?.trim() })
          : undefined,
      });
      inv.additionalDocuments.push(doc);
    });

  children(root, NS.CAC, creditNote ? 'CreditNoteLine' : 'InvoiceLine').forEach((line, k) => {
    inv.lines.push(readLine(rec.group('BG-25', k, line), line, creditNote));
  });

  return { syntax: 'UBL', invoice: prune(inv), root, locations: rec.map };
}
