import { NS, type XmlElement } from '../../xml/index.ts';
import { all, first, path } from '../facts/common.ts';
import type { Facts } from '../facts/types.ts';
import type { Out } from '../out.ts';
import { addPath, evalTrie, newNode, type PathRule, type TrieNode } from '../trie.ts';
import type { Severity } from '../types.ts';
import type { Visitor } from '../walk.ts';
import { CII_FORBIDDEN } from './cii-sr.ts';

const RAM = NS.RAM;
const RSM = NS.RSM;
const UDT = NS.UDT;

type Context =
  | 'documentContext'
  | 'exchangedDocument'
  | 'note'
  | 'line'
  | 'lineDocument'
  | 'product'
  | 'productCharacteristic'
  | 'lineAgreement'
  | 'allowanceCharge'
  | 'appliedAllowanceCharge'
  | 'lineDelivery'
  | 'lineSettlement'
  | 'headerAgreement'
  | 'headerDelivery'
  | 'headerSettlement'
  | 'summation'
  | 'invoice'
  | 'documentContextParameter'
  | 'idNoAttributes'
  | 'id'
  | 'typeCode'
  | 'lineCategoryCode'
  | 'referencedDocument'
  | 'amount'
  | 'quantity'
  | 'tradeTax'
  | 'billingPeriod'
  | 'postalAddress'
  | 'dateTimeString';

const TRIES = new Map<string, TrieNode>();
for (const [context, lines] of Object.entries(CII_FORBIDDEN)) {
  const trie = newNode();
  for (const line of lines.split('\n')) {
    const m = line.trim();
    if (m === '') continue;
    const [flag, id, p] = m.split(' ') as [string, string, string];
    addPath(trie, p, { rule: `CII-${id}`, severity: flag === 'F' ? 'fatal' : 'warning', label: p });
  }
  TRIES.set(context, trie);
}

const is = (el: XmlElement | undefined, ns: string, local: string): boolean =>
  el !== undefined && el.ns === ns && el.local === local;

/**
 * The context of an element among those of the CII syntax binding. Schematron applies only the first
 * rule whose context matches, so the order matters (e.g. rsm:ExchangedDocument/ram:TypeCode is a
 * ram:TypeCode first, and never reaches the stricter rule of the document type code).
 */
function contextOf(el: XmlElement, root: XmlElement): Context | undefined {
  const p = el.parent;
  const local = el.local;
  if (el === root) return 'invoice';
  if (el.ns === RSM) {
    if (p === root && local === 'ExchangedDocumentContext') return 'documentContext';
    if (p === root && local === 'ExchangedDocument') return 'exchangedDocument';
  }
  if (el.ns === RAM) {
    if (local === 'SpecifiedTradeSettlementPaymentMeans') return undefined;
    if (local === 'IncludedNote' && is(p, RSM, 'ExchangedDocument') && p?.parent === root) return 'note';
    const tx = is(p, RSM, 'SupplyChainTradeTransaction') && p?.parent === root;
    if (local === 'IncludedSupplyChainTradeLineItem' && tx) return 'line';
    const inLine = is(p, RAM, 'IncludedSupplyChainTradeLineItem') && is(p?.parent, RSM, 'SupplyChainTradeTransaction');
    if (inLine && local === 'AssociatedDocumentLineDocument') return 'lineDocument';
    if (inLine && local === 'SpecifiedTradeProduct') return 'product';
    if (
      local === 'ApplicableProductCharacteristic' &&
      is(p, RAM, 'SpecifiedTradeProduct') &&
      is(p?.parent, RAM, 'IncludedSupplyChainTradeLineItem')
    )
      return 'productCharacteristic';
    if (inLine && local === 'SpecifiedLineTradeAgreement') return 'lineAgreement';
    if (local === 'SpecifiedTradeAllowanceCharge') return 'allowanceCharge';
    if (local === 'AppliedTradeAllowanceCharge' && is(p, RAM, 'GrossPriceProductTradePrice'))
      return 'appliedAllowanceCharge';
    if (inLine && local === 'SpecifiedLineTradeDelivery') return 'lineDelivery';
    if (inLine && local === 'SpecifiedLineTradeSettlement') return 'lineSettlement';
    if (tx && local === 'ApplicableHeaderTradeAgreement') return 'headerAgreement';
    if (tx && local === 'ApplicableHeaderTradeDelivery') return 'headerDelivery';
    if (tx && local === 'ApplicableHeaderTradeSettlement') return 'headerSettlement';
    if (
      local === 'SpecifiedTradeSettlementHeaderMonetarySummation' &&
      is(p, RAM, 'ApplicableHeaderTradeSettlement') &&
      is(p?.parent, RSM, 'SupplyChainTradeTransaction')
    )
      return 'summation';
  }
  if (local.endsWith('DocumentContextParameter')) return 'documentContextParameter';
  if (el.ns === RAM) {
    if (isIdWithoutAttributes(el, root)) return 'idNoAttributes';
    if (local.endsWith('ID')) return 'id';
    if (local === 'TypeCode') return 'typeCode';
    if (
      local === 'CategoryCode' &&
      is(p, RAM, 'ApplicableTradeTax') &&
      is(p?.parent, RAM, 'SpecifiedLineTradeSettlement')
    )
      return 'lineCategoryCode';
    if (local.endsWith('ReferencedDocument')) return 'referencedDocument';
    if (local.endsWith('Amount') && local !== 'TaxTotalAmount') return 'amount';
    if (local.endsWith('Quantity')) return 'quantity';
    if (local.endsWith('TradeTax')) return 'tradeTax';
    if (local === 'BillingSpecifiedPeriod') return 'billingPeriod';
    if (local === 'PostalTradeAddress') return 'postalAddress';
  }
  if (el.ns === UDT && local === 'DateTimeString' && el.attrs.get('format') === '102') return 'dateTimeString';
  return undefined;
}

function isIdWithoutAttributes(el: XmlElement, root: XmlElement): boolean {
  const p = el.parent;
  if (el.local === 'ID') {
    return (
      (is(p, RAM, 'GuidelineSpecifiedDocumentContextParameter') &&
        is(p?.parent, RSM, 'ExchangedDocumentContext') &&
        p?.parent?.parent === root) ||
      (is(p, RSM, 'ExchangedDocument') && p?.parent === root)
    );
  }
  if (el.local === 'LineID')
    return is(p, RAM, 'AssociatedDocumentLineDocument') && is(p?.parent, RAM, 'IncludedSupplyChainTradeLineItem');
  if (el.local === 'SellerAssignedID')
    return is(p, RAM, 'SpecifiedTradeProduct') && is(p?.parent, RAM, 'IncludedSupplyChainTradeLineItem');
  return false;
}

const ATTRIBUTE_RULES: Partial<Record<Context, ReadonlyArray<readonly [string, Severity, string]>>> = {
  idNoAttributes: [
    ['CII-DT-001', 'fatal', 'schemeName'],
    ['CII-DT-002', 'fatal', 'schemeAgencyName'],
    ['CII-DT-003', 'fatal', 'schemeDataURI'],
    ['CII-DT-004', 'fatal', 'schemeURI'],
    ['CII-DT-005', 'fatal', 'schemeID'],
    ['CII-DT-006', 'fatal', 'schemeAgencyID'],
    ['CII-DT-007', 'fatal', 'schemeVersionID'],
  ],
  id: [
    ['CII-DT-101', 'fatal', 'schemeName'],
    ['CII-DT-102', 'fatal', 'schemeAgencyName'],
    ['CII-DT-103', 'fatal', 'schemeDataURI'],
    ['CII-DT-104', 'fatal', 'schemeURI'],
  ],
  typeCode: [
    ['CII-DT-008', 'fatal', 'name'],
    ['CII-DT-009', 'fatal', 'listURI'],
  ],
  lineCategoryCode: [
    ['CII-DT-045', 'warning', 'listID'],
    ['CII-DT-046', 'warning', 'listAgencyID'],
    ['CII-DT-047', 'warning', 'listVersionID'],
    ['CII-DT-048', 'warning', 'listURI'],
  ],
  amount: [
    ['CII-DT-031', 'fatal', 'currencyID'],
    ['CII-DT-032', 'fatal', 'currencyCodeListVersionID'],
  ],
  quantity: [
    ['CII-DT-034', 'fatal', 'unitCodeListID'],
    ['CII-DT-035', 'fatal', 'unitCodeListAgencyID'],
    ['CII-DT-036', 'fatal', 'unitCodeListAgencyName'],
  ],
  invoice: [
    ['CII-DT-013', 'fatal', 'languageID'],
    ['CII-DT-014', 'fatal', 'languageLocaleID'],
  ],
};

const DATE_102 = /^\s*(\d{4})(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])\s*$/;

/** CII syntax binding rules CII-SR and CII-DT, as a visitor of the document walk. */
export function ciiSyntaxVisitor(f: Facts, out: Out): Visitor {
  const root = f.root;
  const report = (r: PathRule, el: XmlElement, attribute: string | undefined): void =>
    out.add(r.rule, r.severity, '', el, `Élément non prévu par la norme EN 16931 : ${r.label}.`, attribute);
  const doc: DocumentState = {
    billedUnit: false,
    quantitiesWithUnit: [],
    dueDateCodes: new Set(),
    headerSettlement: undefined,
  };
  return {
    visit(el) {
      if (el.ns === RAM) {
        if (el.local === 'BilledQuantity' && el.attrs.has('unitCode')) doc.billedUnit = true;
        else if (el.local === 'DueDateTypeCode' && is(el.parent, RAM, 'ApplicableTradeTax'))
          doc.dueDateCodes.add(el.text);
      }
      const ctx = contextOf(el, root);
      if (ctx === undefined) return;
      const trie = TRIES.get(ctx);
      if (trie) evalTrie(el, trie, report);
      if (el.attrs.size > 0) {
        for (const [rule, severity, attr] of ATTRIBUTE_RULES[ctx] ?? []) {
          if (el.attrs.has(attr))
            out.add(rule, severity, '', el, `Attribut « ${attr} » non prévu par la norme EN 16931.`, attr);
        }
      }
      custom(ctx, el, out, doc);
    },
    finish() {
      if (!doc.billedUnit) {
        for (const q of doc.quantitiesWithUnit)
          out.fatal(
            'CII-DT-033',
            'BT-130',
            q,
            "Unité de mesure : l'attribut unitCode n'est autorisé que si la quantité facturée en porte un.",
            'unitCode',
          );
      }
      if (doc.headerSettlement && doc.dueDateCodes.size > 1) {
        out.fatal(
          'CII-SR-462',
          'BT-8',
          doc.headerSettlement,
          "Code de date d'exigibilité de la TVA (BT-8) : une seule valeur autorisée.",
        );
      }
    },
  };
}

interface DocumentState {
  billedUnit: boolean;
  quantitiesWithUnit: XmlElement[];
  dueDateCodes: Set<string>;
  headerSettlement: XmlElement | undefined;
}

function custom(ctx: Context, el: XmlElement, out: Out, doc: DocumentState): void {
  switch (ctx) {
    case 'documentContext':
      if (count(el, [RAM, 'BusinessProcessSpecifiedDocumentContextParameter']) > 1)
        warnAt(out, el, 'CII-SR-003', 'Contexte du processus métier (BT-23) : une seule occurrence attendue.');
      if (count(el, [RAM, 'GuidelineSpecifiedDocumentContextParameter']) !== 1)
        fatalAt(
          out,
          el,
          'CII-SR-009',
          'BT-24',
          'Identifiant de spécification (BT-24) : GuidelineSpecifiedDocumentContextParameter doit figurer exactement une fois.',
        );
      if (count(el, [RAM, 'GuidelineSpecifiedDocumentContextParameter'], [RAM, 'ID']) !== 1)
        fatalAt(
          out,
          el,
          'CII-SR-010',
          'BT-24',
          'Identifiant de spécification (BT-24) : l’identifiant doit figurer exactement une fois.',
        );
      break;
    case 'exchangedDocument':
      if (count(el, [RAM, 'TypeCode']) !== 1)
        fatalAt(out, el, 'CII-SR-014', 'BT-3', 'Code de type de facture (BT-3) : doit figurer exactement une fois.');
      break;
    case 'note':
      if (count(el, [RAM, 'Content']) > 1)
        warnAt(out, el, 'CII-SR-030', 'Note de la facture (BT-22) : un seul contenu attendu.');
      break;
    case 'lineDocument':
      if (count(el, [RAM, 'IncludedNote']) > 1)
        warnAt(out, el, 'CII-SR-039', 'Note de ligne (BT-127) : une seule occurrence attendue.');
      if (count(el, [RAM, 'IncludedNote'], [RAM, 'Content']) > 1)
        warnAt(out, el, 'CII-SR-040', 'Note de ligne (BT-127) : un seul contenu attendu.');
      break;
    case 'product': {
      const gid = all(el, RAM, 'GlobalID');
      if (gid.length > 0 && !gid.some((g) => g.attrs.has('schemeID')))
        fatalAt(
          out,
          el,
          'CII-SR-046',
          'BT-157',
          "Identifiant normalisé de l'article (BT-157) : l'attribut schemeID est obligatoire.",
        );
      const origin = all(el, RAM, 'OriginTradeCountry');
      if (origin.length > 0 && count(el, [RAM, 'OriginTradeCountry'], [RAM, 'ID']) !== 1)
        fatalAt(out, el, 'CII-SR-090', 'BT-159', "Pays d'origine de l'article (BT-159) : un seul code de pays.");
      break;
    }
    case 'productCharacteristic':
      if (count(el, [RAM, 'Description']) !== 1)
        fatalAt(out, el, 'CII-SR-069', 'BT-160', "Nom de l'attribut d'article (BT-160) : doit figurer une fois.");
      if (count(el, [RAM, 'Value']) !== 1)
        fatalAt(out, el, 'CII-SR-072', 'BT-161', "Valeur de l'attribut d'article (BT-161) : doit figurer une fois.");
      break;
    case 'lineAgreement': {
      const charges = count(el, [RAM, 'NetPriceProductTradePrice'], [RAM, 'ChargeAmount']);
      if (charges !== 1)
        fatalAt(out, el, 'CII-SR-439', 'BT-146', "Prix net de l'article (BT-146) : doit figurer exactement une fois.");
      if (charges > 1)
        fatalAt(out, el, 'CII-SR-441', 'BT-146', "Prix net de l'article (BT-146) : une seule occurrence autorisée.");
      const acs = path(el, [RAM, 'GrossPriceProductTradePrice'], [RAM, 'AppliedTradeAllowanceCharge']);
      const indicators = acs.flatMap((a) => all(a, RAM, 'ChargeIndicator'));
      const amounts = acs.flatMap((a) => all(a, RAM, 'ActualAmount'));
      const allowanceInd = indicators.some((i) =>
        all(i, UDT, 'Indicator').some((x) => x.text.trim() === 'false' || x.text.trim() === '0'),
      );
      if (!((allowanceInd && amounts.length > 0) || (indicators.length === 0 && amounts.length === 0))) {
        warnAt(
          out,
          el,
          'CII-SR-119',
          'Remise sur le prix (BT-147) : seules des remises sont attendues sur le prix brut.',
        );
      }
      break;
    }
    case 'allowanceCharge':
      if (!first(el, RAM, 'ChargeIndicator'))
        fatalAt(
          out,
          el,
          'CII-SR-463',
          'BG-20',
          'Remise ou frais (BG-20, BG-21) : l’indicateur de frais (ChargeIndicator) est obligatoire.',
        );
      break;
    case 'appliedAllowanceCharge':
      if (count(el, [RAM, 'ActualAmount']) > 1)
        fatalAt(out, el, 'CII-SR-440', 'BT-147', 'Remise sur le prix (BT-147) : une seule occurrence autorisée.');
      break;
    case 'lineSettlement':
      if (count(el, [RAM, 'ApplicableTradeTax']) !== 1)
        warnAt(out, el, 'CII-SR-454', 'Catégorie de TVA de la ligne (BT-151) : une seule ApplicableTradeTax attendue.');
      break;
    case 'headerAgreement': {
      const onlyOne = (party: string): boolean => {
        const p = first(el, RAM, party);
        return !(first(p, RAM, 'ID') && first(p, RAM, 'GlobalID'));
      };
      if (!onlyOne('BuyerTradeParty'))
        warnAt(
          out,
          el,
          'CII-SR-450',
          "Identifiant de l'acheteur (BT-46) : un seul identifiant attendu (ID ou GlobalID).",
        );
      if (count(el, [RAM, 'SellerTradeParty'], [RAM, 'DefinedTradeContact']) > 1)
        fatalAt(out, el, 'CII-SR-455', 'BG-6', 'Contact du vendeur (BG-6) : une seule occurrence autorisée.');
      if (count(el, [RAM, 'BuyerTradeParty'], [RAM, 'DefinedTradeContact']) > 1)
        fatalAt(out, el, 'CII-SR-456', 'BG-9', "Contact de l'acheteur (BG-9) : une seule occurrence autorisée.");
      const docs = all(el, RAM, 'AdditionalReferencedDocument');
      if (docs.filter((d) => all(d, RAM, 'TypeCode').some((t) => t.text === '50')).length > 1)
        warnAt(
          out,
          el,
          'CII-SR-457',
          "Référence de l'appel d'offres ou du lot (BT-17) : une seule occurrence attendue.",
        );
      if (docs.filter((d) => all(d, RAM, 'TypeCode').some((t) => t.text === '130')).length > 1)
        warnAt(out, el, 'CII-SR-458', "Identifiant de l'objet facturé (BT-18) : une seule occurrence attendue.");
      if (count(el, [RAM, 'SellerTradeParty'], [RAM, 'URIUniversalCommunication']) > 1)
        fatalAt(
          out,
          el,
          'CII-SR-459',
          'BT-34',
          'Adresse électronique du vendeur (BT-34) : une seule occurrence autorisée.',
        );
      if (count(el, [RAM, 'BuyerTradeParty'], [RAM, 'URIUniversalCommunication']) > 1)
        fatalAt(
          out,
          el,
          'CII-SR-460',
          'BT-49',
          "Adresse électronique de l'acheteur (BT-49) : une seule occurrence autorisée.",
        );
      const both = (party: string): boolean =>
        count(el, [RAM, party], [RAM, 'DefinedTradeContact'], [RAM, 'PersonName']) > 0 &&
        count(el, [RAM, party], [RAM, 'DefinedTradeContact'], [RAM, 'DepartmentName']) > 0;
      if (both('SellerTradeParty'))
        warnAt(out, el, 'CII-SR-465', 'Point de contact du vendeur (BT-41) : une seule valeur attendue.');
      if (both('BuyerTradeParty'))
        warnAt(out, el, 'CII-SR-466', "Point de contact de l'acheteur (BT-56) : une seule valeur attendue.");
      break;
    }
    case 'headerDelivery': {
      const p = first(el, RAM, 'ShipToTradeParty');
      if (first(p, RAM, 'ID') && first(p, RAM, 'GlobalID'))
        warnAt(out, el, 'CII-SR-449', 'Identifiant du lieu de livraison (BT-71) : un seul identifiant attendu.');
      break;
    }
    case 'headerSettlement': {
      const p = first(el, RAM, 'PayeeTradeParty');
      if (first(p, RAM, 'ID') && first(p, RAM, 'GlobalID'))
        warnAt(out, el, 'CII-SR-451', 'Identifiant du bénéficiaire (BT-60) : un seul identifiant attendu.');
      if (count(el, [RAM, 'SpecifiedTradePaymentTerms']) > 1)
        warnAt(out, el, 'CII-SR-452', 'Conditions de paiement (BT-20) : une seule occurrence attendue.');
      if (count(el, [RAM, 'SpecifiedTradePaymentTerms'], [RAM, 'Description']) > 1)
        warnAt(out, el, 'CII-SR-453', 'Conditions de paiement (BT-20) : une seule description attendue.');
      if (count(el, [RAM, 'ApplicableTradeTax'], [RAM, 'TaxPointDate']) > 1)
        fatalAt(out, el, 'CII-SR-461', 'BT-7', "Date d'exigibilité de la TVA (BT-7) : une seule occurrence autorisée.");
      doc.headerSettlement = el;
      break;
    }
    case 'documentContextParameter':
      if (first(el, RAM, 'Value'))
        warnAt(out, el, 'CII-SR-04', 'Paramètre de contexte : la valeur (Value) n’est pas attendue.');
      if (first(el, RAM, 'SpecifiedDocumentVersion'))
        warnAt(
          out,
          el,
          'CII-SR-05',
          'Paramètre de contexte : la version (SpecifiedDocumentVersion) n’est pas attendue.',
        );
      break;
    case 'referencedDocument': {
      const additional = el.local === 'AdditionalReferencedDocument';
      const types = all(el, RAM, 'TypeCode').map((t) => t.text);
      const typeIs = (...codes: string[]): boolean => types.some((t) => codes.includes(t));
      if (first(el, RAM, 'URIID') && !(additional && typeIs('916'))) refFatal(out, el, 'CII-DT-015', 'URIID');
      if (types.length > 0 && !(additional && typeIs('50', '130', '916'))) refFatal(out, el, 'CII-DT-018', 'TypeCode');
      if (first(el, RAM, 'Name') && !(additional && typeIs('916'))) refFatal(out, el, 'CII-DT-021', 'Name');
      if (first(el, RAM, 'AttachmentBinaryObject') && !(additional && typeIs('916')))
        refFatal(out, el, 'CII-DT-022', 'AttachmentBinaryObject');
      if (first(el, RAM, 'ReferenceTypeCode') && !(additional && typeIs('130')))
        refFatal(out, el, 'CII-DT-024', 'ReferenceTypeCode');
      if (first(el, RAM, 'FormattedIssueDateTime') && el.local !== 'InvoiceReferencedDocument')
        refFatal(out, el, 'CII-DT-027', 'FormattedIssueDateTime');
      break;
    }
    case 'quantity':
      if (el.attrs.has('unitCode')) doc.quantitiesWithUnit.push(el);
      break;
    case 'tradeTax': {
      const types = all(el, RAM, 'TypeCode');
      if (types.length > 0 && !types.some((t) => t.text === 'VAT'))
        fatalAt(out, el, 'CII-DT-037', 'BT-118', 'Type de taxe : doit être « VAT ».');
      const header = (() => {
        for (let a = el.parent; a; a = a.parent)
          if (a.ns === RAM && a.local === 'ApplicableHeaderTradeSettlement') return true;
        return false;
      })();
      if (first(el, RAM, 'BasisAmount') && !header)
        warnAt(out, el, 'CII-DT-041', 'Taxe : BasisAmount attendu seulement dans la ventilation de TVA.');
      const self = el.local === 'ApplicableTradeTax';
      if (first(el, RAM, 'ExemptionReasonCode') && !self)
        warnAt(out, el, 'CII-DT-052', 'Taxe : ExemptionReasonCode attendu seulement dans la ventilation de TVA.');
      if (first(el, RAM, 'ExemptionReason') && !self)
        warnAt(out, el, 'CII-DT-098', 'Taxe : ExemptionReason attendu seulement dans la ventilation de TVA.');
      if (first(el, RAM, 'TaxPointDate') && !header)
        warnAt(out, el, 'CII-DT-054', 'Taxe : TaxPointDate attendu seulement dans la ventilation de TVA.');
      if (first(el, RAM, 'DueDateTypeCode') && !header)
        warnAt(out, el, 'CII-DT-058', 'Taxe : DueDateTypeCode attendu seulement dans la ventilation de TVA.');
      break;
    }
    case 'dateTimeString':
      if (!DATE_102.test(el.text))
        fatalAt(
          out,
          el,
          'CII-DT-097',
          '',
          `Date au format 102 : doit être de la forme AAAAMMJJ (valeur « ${el.text.trim()} »).`,
        );
      break;
    default:
  }
}

function fatalAt(out: Out, el: XmlElement, rule: string, bt: string, message: string): void {
  out.fatal(rule, bt, el, message);
}

function warnAt(out: Out, el: XmlElement, rule: string, message: string): void {
  out.warning(rule, '', el, message);
}

function refFatal(out: Out, el: XmlElement, rule: string, what: string): void {
  out.fatal(rule, '', el, `Document référencé : l'élément ${what} n'est pas autorisé ici.`);
}

function count(el: XmlElement, ...steps: ReadonlyArray<readonly [string, string]>): number {
  return path(el, ...steps).length;
}
