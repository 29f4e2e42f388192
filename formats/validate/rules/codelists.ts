import {
  EAS,
  ISO3166_CII,
  ISO3166_UBL,
  ISO4217,
  ISO6523_ICD,
  MIME_CODES,
  REC20_REC21,
  UNCL1001_CII,
  UNCL1001_CREDIT_NOTE,
  UNCL1001_INVOICE,
  UNCL1153,
  UNCL2005,
  UNCL2475,
  UNCL4451_CII,
  UNCL4451_UBL,
  UNCL4461,
  UNCL5189,
  UNCL5305,
  UNCL7143,
  UNCL7161,
  VATEX,
} from '../../codelists/index.ts';
import { NS, type XmlElement } from '../../xml/index.ts';
import { first, norm, xsBoolean } from '../facts/common.ts';
import type { Facts } from '../facts/types.ts';
import type { Out } from '../out.ts';
import type { Visitor } from '../walk.ts';

/** `not(contains(normalize-space(x), ' ')) and contains(' list ', concat(' ', normalize-space(x), ' '))`. */
function inList(list: ReadonlySet<string>, value: string | undefined): boolean {
  const n = norm(value);
  return n !== '' && !n.includes(' ') && list.has(n);
}

const UBL_AMOUNTS = new Set([
  'Amount',
  'BaseAmount',
  'PriceAmount',
  'TaxAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
]);

/** A code-list check applied to one element during the document walk. */
export type ElementCheck = (el: XmlElement, out: Out) => void;

function bad(
  out: Out,
  rule: string,
  bt: string,
  el: XmlElement,
  label: string,
  value: string | undefined,
  attribute?: string,
): void {
  out.fatal(
    rule,
    bt,
    el,
    `${label} (${bt}) : valeur « ${norm(value)} » absente de la liste de codes autorisée.`,
    attribute,
  );
}

/** Code-list rules BR-CL-01 … BR-CL-26 of the UBL binding, by local name of the element they apply to. */
export function ublCodelistChecks(f: Facts): Map<string, ElementCheck> {
  const m = new Map<string, ElementCheck>();
  const CBC = NS.CBC;
  const CAC = NS.CAC;
  const isCbc = (el: XmlElement): boolean => el.ns === CBC;
  const parentIs = (el: XmlElement, local: string): boolean => el.parent?.ns === CAC && el.parent.local === local;
  m.set('InvoiceTypeCode', (el, out) => {
    if (isCbc(el) && !inList(UNCL1001_INVOICE, el.text))
      bad(out, 'BR-CL-01', 'BT-3', el, 'Code de type de facture', el.text);
  });
  m.set('CreditNoteTypeCode', (el, out) => {
    if (isCbc(el) && !inList(UNCL1001_CREDIT_NOTE, el.text))
      bad(out, 'BR-CL-01', 'BT-3', el, 'Code de type de facture', el.text);
  });
  for (const a of UBL_AMOUNTS) {
    m.set(a, (el, out) => {
      if (isCbc(el) && !inList(ISO4217, el.attrs.get('currencyID')))
        bad(out, 'BR-CL-03', 'BT-5', el, 'Devise du montant', el.attrs.get('currencyID'), 'currencyID');
    });
  }
  m.set('DocumentCurrencyCode', (el, out) => {
    if (isCbc(el) && !inList(ISO4217, el.text))
      bad(out, 'BR-CL-04', 'BT-5', el, 'Code de devise de la facture', el.text);
  });
  m.set('TaxCurrencyCode', (el, out) => {
    if (isCbc(el) && !inList(ISO4217, el.text))
      bad(out, 'BR-CL-05', 'BT-6', el, 'Code de devise de comptabilisation de la TVA', el.text);
  });
  m.set('DescriptionCode', (el, out) => {
    if (isCbc(el) && parentIs(el, 'InvoicePeriod') && !inList(UNCL2005, el.text))
      bad(out, 'BR-CL-06', 'BT-8', el, "Code de date d'exigibilité de la TVA", el.text);
  });
  m.set('ID', (el, out) => {
    const p = el.parent;
    if (!isCbc(el) || p?.ns !== CAC) return;
    if (p.local === 'TaxCategory' && !inList(UNCL5305, el.text))
      bad(out, 'BR-CL-17', 'BT-118', el, 'Code de catégorie de TVA', el.text);
    if (p.local === 'ClassifiedTaxCategory' && !inList(UNCL5305, el.text))
      bad(out, 'BR-CL-18', 'BT-151', el, "Code de catégorie de TVA de l'article", el.text);
    const scheme = el.attrs.get('schemeID');
    if (scheme === undefined) return;
    if (
      (p.local === 'AdditionalDocumentReference' || p.local === 'DocumentReference') &&
      first(p, CBC, 'DocumentTypeCode')?.text === '130'
    ) {
      if (!inList(UNCL1153, scheme))
        bad(out, 'BR-CL-07', 'BT-18', el, "Schéma de l'identifiant d'objet facturé", scheme, 'schemeID');
    } else if (p.local === 'PartyIdentification') {
      let sepaAllowed = false;
      for (let a = p.parent; a; a = a.parent)
        if (a.ns === CAC && (a.local === 'AccountingSupplierParty' || a.local === 'PayeeParty')) sepaAllowed = true;
      if (!inList(ISO6523_ICD, scheme) && !(norm(scheme) === 'SEPA' && sepaAllowed))
        bad(out, 'BR-CL-10', 'BT-29', el, "Schéma de l'identifiant de partie", scheme, 'schemeID');
    } else if (p.local === 'StandardItemIdentification') {
      if (!inList(ISO6523_ICD, scheme))
        bad(out, 'BR-CL-21', 'BT-157', el, "Schéma de l'identifiant normalisé de l'article", scheme, 'schemeID');
    } else if (p.local === 'DeliveryLocation') {
      if (!inList(ISO6523_ICD, scheme))
        bad(out, 'BR-CL-26', 'BT-71', el, "Schéma de l'identifiant du lieu de livraison", scheme, 'schemeID');
    }
  });
  m.set('CompanyID', (el, out) => {
    const scheme = el.attrs.get('schemeID');
    if (isCbc(el) && scheme !== undefined && parentIs(el, 'PartyLegalEntity') && !inList(ISO6523_ICD, scheme)) {
      bad(out, 'BR-CL-11', 'BT-30', el, "Schéma de l'immatriculation légale", scheme, 'schemeID');
    }
  });
  m.set('ItemClassificationCode', (el, out) => {
    const list = el.attrs.get('listID');
    if (isCbc(el) && list !== undefined && parentIs(el, 'CommodityClassification') && !inList(UNCL7143, list)) {
      bad(out, 'BR-CL-13', 'BT-158', el, "Schéma du code de classification de l'article", list, 'listID');
    }
  });
  m.set('IdentificationCode', (el, out) => {
    if (!isCbc(el)) return;
    if (parentIs(el, 'Country') && !inList(ISO3166_UBL, el.text))
      bad(out, 'BR-CL-14', 'BT-40', el, 'Code de pays', el.text);
    if (parentIs(el, 'OriginCountry') && !inList(ISO3166_UBL, el.text))
      bad(out, 'BR-CL-15', 'BT-159', el, "Pays d'origine de l'article", el.text);
  });
  m.set('PaymentMeansCode', (el, out) => {
    if (isCbc(el) && parentIs(el, 'PaymentMeans') && !inList(UNCL4461, el.text))
      bad(out, 'BR-CL-16', 'BT-81', el, 'Code du moyen de paiement', el.text);
  });
  m.set('AllowanceChargeReasonCode', (el, out) => {
    const p = el.parent;
    if (!isCbc(el) || !p || p.ns !== CAC || p.local !== 'AllowanceCharge') return;
    const ind = xsBoolean(first(p, CBC, 'ChargeIndicator')?.text);
    if (ind === false && !inList(UNCL5189, el.text))
      bad(out, 'BR-CL-19', 'BT-98', el, 'Code de motif de la remise', el.text);
    if (ind === true && !inList(UNCL7161, el.text))
      bad(out, 'BR-CL-20', 'BT-105', el, 'Code de motif des frais', el.text);
  });
  m.set('TaxExemptionReasonCode', (el, out) => {
    if (isCbc(el) && !inList(VATEX, el.text.toUpperCase()))
      bad(out, 'BR-CL-22', 'BT-121', el, "Code de motif d'exonération de TVA", el.text);
  });
  for (const q of ['InvoicedQuantity', 'BaseQuantity', 'CreditedQuantity']) {
    m.set(q, (el, out) => {
      const unit = el.attrs.get('unitCode');
      if (isCbc(el) && unit !== undefined && !inList(REC20_REC21, unit))
        bad(out, 'BR-CL-23', 'BT-130', el, "Code d'unité de mesure", unit, 'unitCode');
    });
  }
  m.set('EmbeddedDocumentBinaryObject', (el, out) => {
    const mime = el.attrs.get('mimeCode');
    if (isCbc(el) && mime !== undefined && !MIME_CODES.has(mime))
      bad(out, 'BR-CL-24', 'BT-125', el, 'Type MIME du document joint', mime, 'mimeCode');
  });
  m.set('EndpointID', (el, out) => {
    const scheme = el.attrs.get('schemeID');
    if (isCbc(el) && scheme !== undefined && !inList(EAS, scheme))
      bad(out, 'BR-CL-25', 'BT-34', el, "Schéma de l'adresse électronique", scheme, 'schemeID');
  });
  void f;
  return m;
}

/** Code-list rules BR-CL-01 … BR-CL-26 of the CII binding, by local name of the element they apply to. */
export function ciiCodelistChecks(): Map<string, ElementCheck> {
  const m = new Map<string, ElementCheck>();
  const RAM = NS.RAM;
  const isRam = (el: XmlElement): boolean => el.ns === RAM;
  const parentIs = (el: XmlElement, local: string): boolean => el.parent?.ns === RAM && el.parent.local === local;
  const hasAncestor = (el: XmlElement, local: string): boolean => {
    for (let a = el.parent; a; a = a.parent) if (a.ns === RAM && a.local === local) return true;
    return false;
  };
  m.set('TypeCode', (el, out) => {
    if (
      isRam(el) &&
      el.parent?.ns === NS.RSM &&
      el.parent.local === 'ExchangedDocument' &&
      !inList(UNCL1001_CII, el.text)
    )
      bad(out, 'BR-CL-01', 'BT-3', el, 'Code de type de facture', el.text);
    if (isRam(el) && parentIs(el, 'SpecifiedTradeSettlementPaymentMeans') && !inList(UNCL4461, el.text))
      bad(out, 'BR-CL-16', 'BT-81', el, 'Code du moyen de paiement', el.text);
  });
  m.set('TaxTotalAmount', (el, out) => {
    const cur = el.attrs.get('currencyID');
    if (isRam(el) && cur !== undefined && !inList(ISO4217, cur))
      bad(out, 'BR-CL-03', 'BT-110', el, 'Devise du montant de TVA', cur, 'currencyID');
  });
  m.set('InvoiceCurrencyCode', (el, out) => {
    if (isRam(el) && !inList(ISO4217, el.text))
      bad(out, 'BR-CL-04', 'BT-5', el, 'Code de devise de la facture', el.text);
  });
  m.set('TaxCurrencyCode', (el, out) => {
    if (isRam(el) && !inList(ISO4217, el.text))
      bad(out, 'BR-CL-05', 'BT-6', el, 'Code de devise de comptabilisation de la TVA', el.text);
  });
  m.set('DueDateTypeCode', (el, out) => {
    if (isRam(el) && !inList(UNCL2475, el.text))
      bad(out, 'BR-CL-06', 'BT-8', el, "Code de date d'exigibilité de la TVA", el.text);
  });
  m.set('ReferenceTypeCode', (el, out) => {
    if (isRam(el) && !inList(UNCL1153, el.text))
      bad(out, 'BR-CL-07', 'BT-18', el, "Schéma de l'identifiant d'objet facturé", el.text);
  });
  m.set('SubjectCode', (el, out) => {
    if (isRam(el) && !inList(UNCL4451_CII, el.text))
      bad(out, 'BR-CL-08', 'BT-21', el, 'Code de sujet de la note', el.text);
  });
  m.set('GlobalID', (el, out) => {
    const scheme = el.attrs.get('schemeID');
    if (!isRam(el) || scheme === undefined) return;
    if (parentIs(el, 'SpecifiedTradeProduct')) {
      if (!inList(ISO6523_ICD, scheme))
        bad(out, 'BR-CL-21', 'BT-157', el, "Schéma de l'identifiant normalisé de l'article", scheme, 'schemeID');
    } else if (parentIs(el, 'ShipToTradeParty') && el.parent?.parent?.local === 'ApplicableHeaderTradeDelivery') {
      if (!inList(ISO6523_ICD, scheme))
        bad(out, 'BR-CL-26', 'BT-71', el, "Schéma de l'identifiant du lieu de livraison", scheme, 'schemeID');
    }
    if (
      !hasAncestor(el, 'SpecifiedTradeProduct') &&
      !hasAncestor(el, 'ShipToTradeParty') &&
      !inList(ISO6523_ICD, scheme)
    ) {
      bad(out, 'BR-CL-10', 'BT-29', el, "Schéma de l'identifiant de partie", scheme, 'schemeID');
    }
  });
  m.set('ID', (el, out) => {
    const scheme = el.attrs.get('schemeID');
    if (!isRam(el) || scheme === undefined) return;
    if (parentIs(el, 'OriginTradeCountry')) {
      // handled below for BR-CL-15
    }
    if (!hasAncestor(el, 'SpecifiedTaxRegistration') && !inList(ISO6523_ICD, scheme))
      bad(out, 'BR-CL-11', 'BT-30', el, "Schéma de l'identifiant", scheme, 'schemeID');
  });
  m.set('ClassCode', (el, out) => {
    const list = el.attrs.get('listID');
    if (isRam(el) && list !== undefined && !inList(UNCL7143, list))
      bad(out, 'BR-CL-13', 'BT-158', el, "Schéma du code de classification de l'article", list, 'listID');
  });
  m.set('CountryID', (el, out) => {
    if (isRam(el) && !inList(ISO3166_CII, el.text)) bad(out, 'BR-CL-14', 'BT-40', el, 'Code de pays', el.text);
  });
  m.set('CategoryCode', (el, out) => {
    if (!isRam(el)) return;
    if (parentIs(el, 'CategoryTradeTax') && !inList(UNCL5305, el.text))
      bad(out, 'BR-CL-17', 'BT-95', el, 'Code de catégorie de TVA', el.text);
    if (parentIs(el, 'ApplicableTradeTax') && !inList(UNCL5305, el.text))
      bad(out, 'BR-CL-18', 'BT-118', el, 'Code de catégorie de TVA', el.text);
  });
  m.set('ReasonCode', (el, out) => {
    const p = el.parent;
    if (!isRam(el) || p?.local !== 'SpecifiedTradeAllowanceCharge') return;
    const ind = xsBoolean(first(first(p, RAM, 'ChargeIndicator'), NS.UDT, 'Indicator')?.text);
    if (ind === false && !inList(UNCL5189, el.text))
      bad(out, 'BR-CL-19', 'BT-98', el, 'Code de motif de la remise', el.text);
    if (ind === true && !inList(UNCL7161, el.text))
      bad(out, 'BR-CL-20', 'BT-105', el, 'Code de motif des frais', el.text);
  });
  m.set('ExemptionReasonCode', (el, out) => {
    if (isRam(el) && !inList(VATEX, el.text.toUpperCase()))
      bad(out, 'BR-CL-22', 'BT-121', el, "Code de motif d'exonération de TVA", el.text);
  });
  for (const q of ['BasisQuantity', 'BilledQuantity']) {
    m.set(q, (el, out) => {
      const unit = el.attrs.get('unitCode');
      if (isRam(el) && unit !== undefined && !inList(REC20_REC21, unit))
        bad(out, 'BR-CL-23', 'BT-130', el, "Code d'unité de mesure", unit, 'unitCode');
    });
  }
  m.set('AttachmentBinaryObject', (el, out) => {
    const mime = el.attrs.get('mimeCode');
    if (isRam(el) && mime !== undefined && !MIME_CODES.has(mime))
      bad(out, 'BR-CL-24', 'BT-125', el, 'Type MIME du document joint', mime, 'mimeCode');
  });
  m.set('URIID', (el, out) => {
    const scheme = el.attrs.get('schemeID');
    if (isRam(el) && scheme !== undefined && parentIs(el, 'URIUniversalCommunication') && !inList(EAS, scheme))
      bad(out, 'BR-CL-25', 'BT-34', el, "Schéma de l'adresse électronique", scheme, 'schemeID');
  });
  return m;
}

/** Checks bound to an element's parent (BR-CL-15 in CII: OriginTradeCountry/ID). */
export function ciiOriginCountry(el: XmlElement, out: Out): void {
  if (
    el.ns === NS.RAM &&
    el.local === 'ID' &&
    el.parent?.local === 'OriginTradeCountry' &&
    !inList(ISO3166_CII, el.text)
  ) {
    bad(out, 'BR-CL-15', 'BT-159', el, "Pays d'origine de l'article", el.text);
  }
}

/** BR-CL-08 in UBL: the subject code between the first two '#' of a note, when it has three characters. */
const UBL_4451_TEXT = ` ${[...UNCL4451_UBL].join(' ')} `;

export function ublNoteSubjects(f: Facts, out: Out): void {
  for (const n of f.notes) {
    const s = n.subject?.text;
    if (s !== undefined && s.length === 3 && !UBL_4451_TEXT.includes(s))
      bad(out, 'BR-CL-08', 'BT-21', n.el, 'Code de sujet de la note', s);
  }
}

const CII_CHECKS = ciiCodelistChecks();

/** Code-list rules BR-CL-xx of the document's syntax, checked during the single document walk. */
export function codelistVisitor(f: Facts, out: Out): Visitor {
  if (f.syntax === 'UBL') {
    const checks = ublCodelistChecks(f);
    return {
      visit: (el) => checks.get(el.local)?.(el, out),
      finish: () => ublNoteSubjects(f, out),
    };
  }
  return {
    visit(el) {
      CII_CHECKS.get(el.local)?.(el, out);
      if (el.local === 'ID') ciiOriginCountry(el, out);
    },
  };
}
