/**
 * Upper bounds on the length of every text term of the EN 16931 model (rule HUB-LEN-01), applied at intake.
 *
 * EN 16931-1 gives its Text, Identifier, Code and Reference types no maximum length: a valid invoice may carry a
 * ten-megabyte seller name, which nothing downstream (database columns, pages, PDF, Chorus Pro) is meant to hold.
 * Where a standard or Chorus Pro sets a length, that length is used; elsewhere the bound is ours, chosen well above
 * what real invoices carry (each is marked "ours" below). The bounds never refuse what a finer rule already
 * reports (BR-FR-01 keeps reporting invoice numbers of 36 to 100 characters, the code lists keep reporting unknown
 * codes): they stop only values that no rule should have to read.
 */
import type {
  AllowanceCharge,
  Contact,
  DocumentAllowance,
  DocumentCharge,
  Identifier,
  Invoice,
  InvoiceLine,
  PostalAddress,
} from '../../model/invoice.ts';
import { TERMS } from '../../model/terms.ts';

/** Lengths, in characters (Unicode code points). */
const LIMIT = {
  /** Ours: UN/EDIFACT caps coded data elements at an..35; every code of the EN 16931 lists is far shorter. */
  code: 35,
  /** Ours: ISO/IEC 6523 ICD, EAS and UNTDID 7143 scheme ids are 2 to 4 characters; EDIFACT an..35. */
  scheme: 35,
  /** Ours: an ISO date is 10 characters; kept loose so that the date rules report a wrong one. */
  date: 35,
  /** Ours: BR-FR-DEC allows 19 integer digits and 6 decimals (27 with sign and point); loose for BR-DEC. */
  decimal: 40,
  /** FNFE-MPE BR-FR-24 / BR-FR-26: global identifiers of at most 100 characters. */
  identifier: 100,
  /** FNFE-MPE BR-FR-23 / BR-FR-25: electronic addresses of at most 125 characters. */
  electronicAddress: 125,
  /** Ours: document references; EDIFACT gives them an..35, BR-FR-01 caps BT-1 and BT-25 at 35 in the French profile. */
  reference: 100,
  /** Ours: the longest legal name of the SIRENE register (denominationUniteLegale) is 120 characters. */
  name: 200,
  /** Ours: a postal address line (NF Z10-011 prints 38 characters a line). */
  addressLine: 200,
  /** Ours: city and country subdivision names. */
  place: 100,
  /** Ours: the longest postal codes in use are 10 characters. */
  postCode: 20,
  /** Ours: E.164 numbers have at most 15 digits, with room for spaces and an extension. */
  telephone: 50,
  /** RFC 5321: a forward path is at most 256 octets, brackets included. */
  email: 254,
  /** Ours: the practical limit of a URL (BT-124). */
  url: 2048,
  /** Chorus Pro: a file name (nomFichier) is at most 200 characters. */
  fileName: 200,
  /** RFC 6838: type and subtype names of at most 127 characters each. */
  mimeCode: 255,
  /** Ours: URNs of business processes and specifications (XRechnung's BT-24 is 127 characters). */
  urn: 255,
  /** EPC SEPA Credit Transfer rulebook: unstructured remittance information is at most 140 characters. */
  remittance: 140,
  /** Ours: a reason, an item name, a short description (the PDF shows 1,200 characters of a value). */
  shortText: 1000,
  /** Ours: notes, payment terms, line notes and item descriptions, which may hold legal mentions. */
  longText: 10_000,
} as const;

/** One text too long: where it sits (a location key such as `BG-25[3]/BT-153`), its term, length and bound. */
export interface BoundBreach {
  key: string;
  bt: string;
  length: number;
  max: number;
}

/** Number of Unicode code points, counted only when the UTF-16 length says it may exceed `max`. */
function codePoints(value: string, max: number): number {
  if (value.length <= max) return value.length;
  let pairs = 0;
  for (let i = 0; i + 1 < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return value.length - pairs;
}

class Checker {
  readonly breaches: BoundBreach[] = [];

  text(key: string, value: string | undefined, max: number): void {
    if (value === undefined || value.length <= max) return;
    const length = codePoints(value, max);
    if (length > max) this.breaches.push({ key, bt: termOf(key), length, max });
  }

  identifier(key: string, id: Identifier | undefined, max: number = LIMIT.identifier): void {
    if (!id) return;
    this.text(key, id.value, max);
    this.text(`${key}-1`, id.schemeId, LIMIT.scheme);
  }

  address(ids: readonly [string, string, string, string, string, string, string], a?: PostalAddress): void {
    if (!a) return;
    const [l1, l2, l3, city, post, sub, country] = ids;
    this.text(l1, a.line1, LIMIT.addressLine);
    this.text(l2, a.line2, LIMIT.addressLine);
    this.text(l3, a.line3, LIMIT.addressLine);
    this.text(city, a.city, LIMIT.place);
    this.text(post, a.postCode, LIMIT.postCode);
    this.text(sub, a.countrySubdivision, LIMIT.place);
    this.text(country, a.countryCode, LIMIT.code);
  }

  contact(ids: readonly [string, string, string], c?: Contact): void {
    if (!c) return;
    this.text(ids[0], c.point, LIMIT.name);
    this.text(ids[1], c.telephone, LIMIT.telephone);
    this.text(ids[2], c.email, LIMIT.email);
  }

  /** An allowance or a charge; `ids` names its terms (the VAT ones exist at document level only). */
  allowanceCharge(
    prefix: string,
    ids: { amount: string; base: string; percentage: string; reason: string; reasonCode: string },
    ac: AllowanceCharge,
  ): void {
    this.text(`${prefix}${ids.amount}`, ac.amount, LIMIT.decimal);
    this.text(`${prefix}${ids.base}`, ac.baseAmount, LIMIT.decimal);
    this.text(`${prefix}${ids.percentage}`, ac.percentage, LIMIT.decimal);
    this.text(`${prefix}${ids.reason}`, ac.reason, LIMIT.shortText);
    this.text(`${prefix}${ids.reasonCode}`, ac.reasonCode, LIMIT.code);
  }

  documentAllowanceCharge(
    prefix: string,
    ids: {
      amount: string;
      base: string;
      percentage: string;
      vatCode: string;
      vatRate: string;
      reason: string;
      reasonCode: string;
    },
    ac: DocumentAllowance | DocumentCharge,
  ): void {
    this.allowanceCharge(prefix, ids, ac);
    this.text(`${prefix}${ids.vatCode}`, ac.vatCategoryCode, LIMIT.code);
    this.text(`${prefix}${ids.vatRate}`, ac.vatRate, LIMIT.decimal);
  }
}

/** `BG-25[2]/BT-158[1]-2` → `BT-158-2`. */
function termOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).replace(/\[\d+\]/g, '');
}

const LINE_ALLOWANCE = {
  amount: 'BT-136',
  base: 'BT-137',
  percentage: 'BT-138',
  reason: 'BT-139',
  reasonCode: 'BT-140',
};
const LINE_CHARGE = { amount: 'BT-141', base: 'BT-142', percentage: 'BT-143', reason: 'BT-144', reasonCode: 'BT-145' };
const DOCUMENT_ALLOWANCE = {
  amount: 'BT-92',
  base: 'BT-93',
  percentage: 'BT-94',
  vatCode: 'BT-95',
  vatRate: 'BT-96',
  reason: 'BT-97',
  reasonCode: 'BT-98',
};
const DOCUMENT_CHARGE = {
  amount: 'BT-99',
  base: 'BT-100',
  percentage: 'BT-101',
  vatCode: 'BT-102',
  vatRate: 'BT-103',
  reason: 'BT-104',
  reasonCode: 'BT-105',
};

function line(c: Checker, l: InvoiceLine, k: number): void {
  const p = `BG-25[${k + 1}]/`;
  c.text(`${p}BT-126`, l.id, LIMIT.reference);
  c.text(`${p}BT-127`, l.note, LIMIT.longText);
  c.identifier(`${p}BT-128`, l.objectId);
  c.text(`${p}BT-129`, l.quantity, LIMIT.decimal);
  c.text(`${p}BT-130`, l.unitCode, LIMIT.code);
  c.text(`${p}BT-131`, l.netAmount, LIMIT.decimal);
  c.text(`${p}BT-132`, l.orderLineReference, LIMIT.reference);
  c.text(`${p}BT-133`, l.buyerAccountingReference, LIMIT.reference);
  c.text(`${p}BT-134`, l.period?.startDate, LIMIT.date);
  c.text(`${p}BT-135`, l.period?.endDate, LIMIT.date);
  l.allowances.forEach((a, j) => c.allowanceCharge(`${p}BG-27[${j + 1}]/`, LINE_ALLOWANCE, a));
  l.charges.forEach((a, j) => c.allowanceCharge(`${p}BG-28[${j + 1}]/`, LINE_CHARGE, a));
  c.text(`${p}BT-146`, l.price.netPrice, LIMIT.decimal);
  c.text(`${p}BT-147`, l.price.discount, LIMIT.decimal);
  c.text(`${p}BT-148`, l.price.grossPrice, LIMIT.decimal);
  c.text(`${p}BT-149`, l.price.baseQuantity, LIMIT.decimal);
  c.text(`${p}BT-150`, l.price.baseQuantityUnitCode, LIMIT.code);
  c.text(`${p}BT-151`, l.vat.categoryCode, LIMIT.code);
  c.text(`${p}BT-152`, l.vat.rate, LIMIT.decimal);
  const item = l.item;
  c.text(`${p}BT-153`, item.name, LIMIT.shortText);
  c.text(`${p}BT-154`, item.description, LIMIT.longText);
  c.text(`${p}BT-155`, item.sellerId, LIMIT.reference);
  c.text(`${p}BT-156`, item.buyerId, LIMIT.reference);
  c.identifier(`${p}BT-157`, item.standardId);
  item.classificationIds.forEach((id, j) => {
    c.identifier(`${p}BT-158[${j + 1}]`, id);
    c.text(`${p}BT-158[${j + 1}]-2`, id.schemeVersionId, LIMIT.scheme);
  });
  c.text(`${p}BT-159`, item.countryOfOrigin, LIMIT.code);
  item.attributes.forEach((a, j) => {
    c.text(`${p}BG-32[${j + 1}]/BT-160`, a.name, LIMIT.name);
    c.text(`${p}BG-32[${j + 1}]/BT-161`, a.value, LIMIT.shortText);
  });
}

/** Every text of the invoice longer than its bound, in model order. */
export function textBoundBreaches(inv: Invoice): BoundBreach[] {
  const c = new Checker();
  c.text('BT-1', inv.number, LIMIT.reference);
  c.text('BT-2', inv.issueDate, LIMIT.date);
  c.text('BT-3', inv.typeCode, LIMIT.code);
  c.text('BT-5', inv.currencyCode, LIMIT.code);
  c.text('BT-6', inv.vatAccountingCurrencyCode, LIMIT.code);
  c.text('BT-7', inv.vatPointDate, LIMIT.date);
  c.text('BT-8', inv.vatPointDateCode, LIMIT.code);
  c.text('BT-9', inv.paymentDueDate, LIMIT.date);
  c.text('BT-10', inv.buyerReference, LIMIT.reference);
  c.text('BT-11', inv.projectReference, LIMIT.reference);
  c.text('BT-12', inv.contractReference, LIMIT.reference);
  c.text('BT-13', inv.purchaseOrderReference, LIMIT.reference);
  c.text('BT-14', inv.salesOrderReference, LIMIT.reference);
  c.text('BT-15', inv.receivingAdviceReference, LIMIT.reference);
  c.text('BT-16', inv.despatchAdviceReference, LIMIT.reference);
  c.text('BT-17', inv.tenderOrLotReference, LIMIT.reference);
  c.identifier('BT-18', inv.invoicedObjectId, LIMIT.reference);
  c.text('BT-19', inv.buyerAccountingReference, LIMIT.reference);
  c.text('BT-20', inv.paymentTerms, LIMIT.longText);
  inv.notes.forEach((n, k) => {
    c.text(`BG-1[${k + 1}]/BT-21`, n.subjectCode, LIMIT.code);
    c.text(`BG-1[${k + 1}]/BT-22`, n.note, LIMIT.longText);
  });
  c.text('BT-23', inv.processControl.businessProcessType, LIMIT.urn);
  c.text('BT-24', inv.processControl.specificationIdentifier, LIMIT.urn);
  inv.precedingInvoices.forEach((p, k) => {
    c.text(`BG-3[${k + 1}]/BT-25`, p.reference, LIMIT.reference);
    c.text(`BG-3[${k + 1}]/BT-26`, p.issueDate, LIMIT.date);
  });

  const s = inv.seller;
  c.text('BT-27', s.name, LIMIT.name);
  c.text('BT-28', s.tradingName, LIMIT.name);
  s.identifiers.forEach((id, k) => c.identifier(`BT-29[${k + 1}]`, id));
  c.identifier('BT-30', s.legalRegistrationId);
  c.text('BT-31', s.vatId, LIMIT.identifier);
  c.text('BT-32', s.taxRegistrationId, LIMIT.identifier);
  c.text('BT-33', s.additionalLegalInformation, LIMIT.shortText);
  c.identifier('BT-34', s.electronicAddress, LIMIT.electronicAddress);
  c.address(['BT-35', 'BT-36', 'BT-162', 'BT-37', 'BT-38', 'BT-39', 'BT-40'], s.postalAddress);
  c.contact(['BT-41', 'BT-42', 'BT-43'], s.contact);

  const b = inv.buyer;
  c.text('BT-44', b.name, LIMIT.name);
  c.text('BT-45', b.tradingName, LIMIT.name);
  c.identifier('BT-46', b.identifier);
  c.identifier('BT-47', b.legalRegistrationId);
  c.text('BT-48', b.vatId, LIMIT.identifier);
  c.identifier('BT-49', b.electronicAddress, LIMIT.electronicAddress);
  c.address(['BT-50', 'BT-51', 'BT-163', 'BT-52', 'BT-53', 'BT-54', 'BT-55'], b.postalAddress);
  c.contact(['BT-56', 'BT-57', 'BT-58'], b.contact);

  if (inv.payee) {
    c.text('BT-59', inv.payee.name, LIMIT.name);
    c.identifier('BT-60', inv.payee.identifier);
    c.identifier('BT-61', inv.payee.legalRegistrationId);
  }
  const t = inv.taxRepresentative;
  if (t) {
    c.text('BT-62', t.name, LIMIT.name);
    c.text('BT-63', t.vatId, LIMIT.identifier);
    c.address(['BT-64', 'BT-65', 'BT-164', 'BT-66', 'BT-67', 'BT-68', 'BT-69'], t.postalAddress);
  }
  const d = inv.delivery;
  if (d) {
    c.text('BT-70', d.partyName, LIMIT.name);
    c.identifier('BT-71', d.locationId);
    c.text('BT-72', d.actualDeliveryDate, LIMIT.date);
    c.address(['BT-75', 'BT-76', 'BT-165', 'BT-77', 'BT-78', 'BT-79', 'BT-80'], d.address);
  }
  c.text('BT-73', inv.invoicingPeriod?.startDate, LIMIT.date);
  c.text('BT-74', inv.invoicingPeriod?.endDate, LIMIT.date);

  const pay = inv.paymentInstructions;
  if (pay) {
    c.text('BT-81', pay.meansTypeCode, LIMIT.code);
    c.text('BT-82', pay.meansText, LIMIT.shortText);
    c.text('BT-83', pay.remittanceInformation, LIMIT.remittance);
    pay.creditTransfers.forEach((ct, k) => {
      c.text(`BG-17[${k + 1}]/BT-84`, ct.accountId, LIMIT.identifier);
      c.text(`BG-17[${k + 1}]/BT-85`, ct.accountName, LIMIT.name);
      c.text(`BG-17[${k + 1}]/BT-86`, ct.serviceProviderId, LIMIT.identifier);
    });
    c.text('BT-87', pay.paymentCard?.primaryAccountNumber, LIMIT.identifier);
    c.text('BT-88', pay.paymentCard?.holderName, LIMIT.name);
    c.text('BT-89', pay.directDebit?.mandateReference, LIMIT.reference);
    c.text('BT-90', pay.directDebit?.creditorId, LIMIT.identifier);
    c.text('BT-91', pay.directDebit?.debitedAccountId, LIMIT.identifier);
  }
  inv.allowances.forEach((a, k) => c.documentAllowanceCharge(`BG-20[${k + 1}]/`, DOCUMENT_ALLOWANCE, a));
  inv.charges.forEach((a, k) => c.documentAllowanceCharge(`BG-21[${k + 1}]/`, DOCUMENT_CHARGE, a));

  const tot = inv.totals;
  const totals: Array<[string, string | undefined]> = [
    ['BT-106', tot.lineNetAmount],
    ['BT-107', tot.allowanceTotalAmount],
    ['BT-108', tot.chargeTotalAmount],
    ['BT-109', tot.taxExclusiveAmount],
    ['BT-110', tot.taxAmount],
    ['BT-111', tot.taxAmountInAccountingCurrency],
    ['BT-112', tot.taxInclusiveAmount],
    ['BT-113', tot.paidAmount],
    ['BT-114', tot.roundingAmount],
    ['BT-115', tot.payableAmount],
  ];
  for (const [bt, value] of totals) c.text(bt, value, LIMIT.decimal);
  inv.vatBreakdown.forEach((v, k) => {
    const p = `BG-23[${k + 1}]/`;
    c.text(`${p}BT-116`, v.taxableAmount, LIMIT.decimal);
    c.text(`${p}BT-117`, v.taxAmount, LIMIT.decimal);
    c.text(`${p}BT-118`, v.categoryCode, LIMIT.code);
    c.text(`${p}BT-119`, v.rate, LIMIT.decimal);
    c.text(`${p}BT-120`, v.exemptionReason, LIMIT.shortText);
    c.text(`${p}BT-121`, v.exemptionReasonCode, LIMIT.code);
  });
  inv.additionalDocuments.forEach((doc, k) => {
    const p = `BG-24[${k + 1}]/`;
    c.text(`${p}BT-122`, doc.reference, LIMIT.reference);
    c.text(`${p}BT-123`, doc.description, LIMIT.shortText);
    c.text(`${p}BT-124`, doc.externalLocation, LIMIT.url);
    // BT-125 itself is binary content, bounded by the size of the file.
    c.text(`${p}BT-125-1`, doc.attachment?.mimeCode, LIMIT.mimeCode);
    c.text(`${p}BT-125-2`, doc.attachment?.filename, LIMIT.fileName);
  });
  inv.lines.forEach((l, k) => line(c, l, k));
  return c.breaches;
}

const NBSP = '\u00a0';
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);

/** « BT-27 Nom du vendeur : 10 485 760 caractères, 200 au plus », with the line for a line-level term. */
export function boundMessage(b: BoundBreach): string {
  const label = TERMS.get(b.bt)?.fr ?? '';
  const lineNo = /^BG-25\[(\d+)\]/.exec(b.key)?.[1];
  const where = lineNo === undefined ? '' : ` (ligne ${lineNo})`;
  return `${b.bt} ${label}${where} : ${grouped(b.length)} caractères, ${grouped(b.max)} au plus`;
}
