import { NS, type XmlElement } from '../../xml/index.ts';
import { fractionDigits } from '../decimal.ts';
import { all, first, path, xsBoolean } from '../facts/common.ts';
import type { Facts } from '../facts/types.ts';
import type { Out } from '../out.ts';
import { addPath, childNode, evalTrie, newNode, type PathRule, type TrieNode } from '../trie.ts';
import type { Visitor } from '../walk.ts';
import { UBL_CR_PATHS } from './ubl-cr.ts';

const CBC = NS.CBC;
const CAC = NS.CAC;
const LINES = '(cac:InvoiceLine|cac:CreditNoteLine)';

/** UBL-CR paths relative to the root, and those that apply anywhere ('//'). */
const ROOT_TRIE: TrieNode = newNode();
const ANY_TRIE: TrieNode = newNode();
for (const line of UBL_CR_PATHS.split('\n')) {
  const m = line.trim();
  if (m === '') continue;
  const sp = m.indexOf(' ');
  const rule: PathRule = { rule: `UBL-CR-${m.slice(0, sp)}`, severity: 'warning', label: m.slice(sp + 1) };
  const p = m.slice(sp + 1).replace('(L)', LINES);
  if (p.startsWith('//')) addPath(ANY_TRIE, p.slice(2), rule);
  else addPath(ROOT_TRIE, p, rule);
}

/** Attributes the UBL-DT-08 … UBL-DT-28 warnings forbid anywhere (UBL-DT-18 `name` is handled apart). */
const FORBIDDEN_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['schemeName', 'UBL-DT-08'],
  ['schemeAgencyName', 'UBL-DT-09'],
  ['schemeDataURI', 'UBL-DT-10'],
  ['schemeURI', 'UBL-DT-11'],
  ['format', 'UBL-DT-12'],
  ['unitCodeListIdentifier', 'UBL-DT-13'],
  ['unitCodeListAgencyIdentifier', 'UBL-DT-14'],
  ['unitCodeListAgencyName', 'UBL-DT-15'],
  ['listAgencyName', 'UBL-DT-16'],
  ['listName', 'UBL-DT-17'],
  ['languageID', 'UBL-DT-19'],
  ['listURI', 'UBL-DT-20'],
  ['listSchemeURI', 'UBL-DT-21'],
  ['languageLocaleID', 'UBL-DT-22'],
  ['uri', 'UBL-DT-23'],
  ['currencyCodeListVersionID', 'UBL-DT-24'],
  ['characterSetCode', 'UBL-DT-25'],
  ['encodingCode', 'UBL-DT-26'],
  ['schemeAgencyID', 'UBL-DT-27'],
  ['listAgencyID', 'UBL-DT-28'],
]);

function count(el: XmlElement | undefined, ...steps: ReadonlyArray<readonly [string, string]>): number {
  return path(el, ...steps).length;
}

/** UBL syntax binding rules UBL-SR, UBL-CR and UBL-DT, checked during the single document walk. */
export function ublSyntaxVisitor(f: Facts, out: Out): Visitor {
  const root = f.root;
  const report = (r: PathRule, el: XmlElement, attribute: string | undefined): void =>
    out.add(r.rule, r.severity, '', el, `Élément non prévu par la norme EN 16931 : ${r.label}.`, attribute);
  evalTrie(root, ROOT_TRIE, report);
  invoiceLevel(f, out);

  const seen = new Set<string>();
  const once = (rule: string, el: XmlElement, message: string, attribute?: string): void => {
    if (seen.has(rule)) return;
    seen.add(rule);
    out.warning(rule, '', el, message, attribute);
  };
  let names = 0;
  let paymentMeansNames = 0;
  const anySeen = new Set<PathRule>();
  const anyReport = (r: PathRule, e: XmlElement, a: string | undefined): void => {
    if (anySeen.has(r)) return;
    anySeen.add(r);
    report(r, e, a);
  };
  // Document-wide facts for UBL-SR-29/44/47 and UBL-CR-665/666/673.
  let sepa = 0;
  const paymentIds = new Set<string>();
  const meansCodes = new Set<string>();
  let cr665 = false;
  let cr666 = false;
  let cr673 = false;
  return {
    visit(el) {
      // UBL-CR paths that apply anywhere.
      const n = childNode(ANY_TRIE, el);
      if (n) {
        for (const r of n.rules)
          if (!anySeen.has(r)) {
            anySeen.add(r);
            report(r, el, undefined);
          }
        for (const [attr, rules] of n.attrs)
          if (el.attrs.has(attr))
            for (const r of rules)
              if (!anySeen.has(r)) {
                anySeen.add(r);
                report(r, el, attr);
              }
        if (n.children.size > 0) evalTrie(el, n, anyReport);
      }
      // Attributes (UBL-DT-08 … -28, UBL-CR-663).
      if (el.attrs.size > 0)
        for (const a of el.attrs.keys()) {
          const dt = FORBIDDEN_ATTRIBUTES.get(a);
          if (dt) once(dt, el, `Attribut « ${a} » non prévu par la norme EN 16931.`, a);
          else if (a === 'name') {
            names++;
            if (el.ns === CBC && el.local === 'PaymentMeansCode') paymentMeansNames++;
          } else if (a === 'unitCodeListID')
            once('UBL-CR-663', el, 'Attribut « unitCodeListID » non prévu par la norme EN 16931.', a);
        }
      if (el.ns === CBC) {
        if (el.local === 'PaymentID') paymentIds.add(el.text);
        else if (el.local === 'PaymentMeansCode') meansCodes.add(el.text);
        else if (
          el.local === 'ID' &&
          el.parent?.ns === CAC &&
          el.parent.local === 'PartyIdentification' &&
          (el.attrs.get('schemeID') ?? '').toUpperCase() === 'SEPA'
        )
          sepa++;
      } else if (el.ns === CAC && el.local === 'AdditionalDocumentReference') {
        const types = all(el, CBC, 'DocumentTypeCode');
        const is130 = types.some((t) => t.text === '130');
        if (
          (types.some((t) => t.text !== '130') || types.length === 0) &&
          all(el, CBC, 'ID').some((i) => i.attrs.has('schemeID'))
        )
          cr665 = true;
        if (is130 && first(el, CAC, 'Attachment')) cr666 = true;
        if (is130 && first(el, CBC, 'DocumentDescription')) cr673 = true;
      }
      elementRules(f, el, out);
    },
    finish() {
      if (names - paymentMeansNames > 0)
        out.warning('UBL-DT-18', '', root, 'Attribut « name » non prévu par la norme EN 16931.');
      if (sepa > 1)
        out.fatal(
          'UBL-SR-29',
          'BT-90',
          root,
          'Identifiant du créancier SEPA (BT-90) : une seule occurrence autorisée.',
        );
      if (paymentIds.size > 1)
        out.fatal(
          'UBL-SR-44',
          'BT-83',
          root,
          'Référence du paiement (BT-83) : une seule valeur par facture (elle peut être répétée pour plusieurs moyens de paiement).',
        );
      if (meansCodes.size > 1)
        out.fatal(
          'UBL-SR-47',
          'BT-81',
          root,
          'Code du moyen de paiement (BT-81) : plusieurs moyens de paiement doivent avoir le même code.',
        );
      if (cr665)
        out.warning(
          'UBL-CR-665',
          '',
          root,
          "Identifiant de schéma d'un document justificatif : réservé au code de type 130.",
        );
      if (cr666)
        out.fatal(
          'UBL-CR-666',
          'BT-18',
          root,
          "Identifiant de l'objet facturé (BT-18) : ne peut pas porter de pièce jointe.",
        );
      if (cr673)
        out.fatal(
          'UBL-CR-673',
          'BT-18',
          root,
          "Identifiant de l'objet facturé (BT-18) : ne peut pas porter de description de document.",
        );
    },
  };
}

const DT01_LABEL = 'Montant : deux décimales au plus sont autorisées';

function underPriceWithAllowance(el: XmlElement): boolean {
  for (let a = el.parent; a; a = a.parent)
    if (a.ns === CAC && a.local === 'Price' && first(a, CAC, 'AllowanceCharge')) return true;
  return false;
}

/** Rules whose context is one element type anywhere in the document. */
function elementRules(f: Facts, el: XmlElement, out: Out): void {
  const local = el.local;
  if (local.endsWith('Amount') && !local.endsWith('PriceAmount') && !underPriceWithAllowance(el)) {
    const text = el.children.length === 0 ? el.text : '';
    if (fractionDigits(text) > 2) out.fatal('UBL-DT-01', '', el, `${DT01_LABEL} (valeur « ${text.trim()} »).`);
  }
  if (local.endsWith('BinaryObject')) {
    if (!el.attrs.has('mimeCode'))
      out.fatal('UBL-DT-06', 'BT-125', el, 'Document joint (BT-125) : l’attribut mimeCode est obligatoire.');
    if (!el.attrs.has('filename'))
      out.fatal('UBL-DT-07', 'BT-125', el, 'Document joint (BT-125) : l’attribut filename est obligatoire.');
  }
  if (el.ns !== CAC) return;
  switch (local) {
    case 'PostalAddress':
    case 'Address':
      if (all(el, CAC, 'AddressLine').length > 1)
        out.fatal(
          'UBL-SR-51',
          'BT-162',
          el,
          'Adresse : une seule troisième ligne d’adresse (AddressLine) est autorisée.',
        );
      break;
    case 'Party':
      if (
        el.parent?.ns === CAC &&
        el.parent.local === 'AccountingSupplierParty' &&
        all(el, CAC, 'PartyTaxScheme').length > 2
      ) {
        out.fatal('UBL-SR-42', 'BG-4', el, 'Vendeur : au plus deux PartyTaxScheme sont autorisés.');
      }
      break;
    case 'AdditionalDocumentReference': {
      if (all(el, CBC, 'DocumentDescription').length > 1)
        out.fatal(
          'UBL-SR-33',
          'BT-123',
          el,
          'Description du document justificatif (BT-123) : une seule occurrence autorisée.',
        );
      const type = first(el, CBC, 'DocumentTypeCode');
      const typeText = type?.text;
      const ok =
        typeText === '130' ||
        (f.creditNote && typeText === '50') ||
        (!first(el, CBC, 'ID')?.attrs.has('schemeID') && !type);
      if (!ok)
        out.fatal(
          'UBL-SR-43',
          'BT-18',
          el,
          "Identifiant de schéma : réservé à l'identifiant d'objet facturé (code de type de document 130 ou 50).",
        );
      break;
    }
    case 'Delivery':
      if (count(el, [CAC, 'DeliveryParty'], [CAC, 'PartyName'], [CBC, 'Name']) > 1)
        out.fatal('UBL-SR-25', 'BT-70', el, 'Nom de la partie livrée (BT-70) : une seule occurrence autorisée.');
      break;
    case 'AllowanceCharge': {
      const ind = xsBoolean(first(el, CBC, 'ChargeIndicator')?.text);
      if (all(el, CBC, 'AllowanceChargeReason').length > 1) {
        if (ind === false)
          out.fatal('UBL-SR-30', 'BT-97', el, 'Motif de la remise (BT-97) : une seule occurrence autorisée.');
        if (ind === true)
          out.fatal('UBL-SR-31', 'BT-104', el, 'Motif des frais (BT-104) : une seule occurrence autorisée.');
      }
      break;
    }
    case 'PartyTaxScheme':
      if (!(count(el, [CAC, 'TaxScheme'], [CBC, 'ID']) > 0 && first(el, CBC, 'CompanyID'))) {
        out.fatal(
          'UBL-SR-53',
          'BT-31',
          el,
          'Identifiant TVA (BT-31) : obligatoire lorsque le régime fiscal (TaxScheme/ID) est indiqué.',
        );
      }
      break;
    case 'InvoiceLine':
    case 'CreditNoteLine':
      lineRules(el, out);
      break;
    case 'PayeeParty':
      payeeRules(f, el, out);
      break;
    case 'PaymentMeans':
      if (all(el, CBC, 'PaymentID').length > 1)
        out.fatal('UBL-SR-26', 'BT-83', el, 'Référence du paiement (BT-83) : une seule occurrence autorisée.');
      if (all(el, CBC, 'PaymentMeansCode').length > 1)
        out.fatal('UBL-SR-27', 'BT-81', el, 'Code du moyen de paiement (BT-81) : une seule occurrence autorisée.');
      if (count(el, [CAC, 'PaymentMandate'], [CBC, 'ID']) > 1)
        out.fatal('UBL-SR-28', 'BT-89', el, 'Référence du mandat (BT-89) : une seule occurrence autorisée.');
      break;
    case 'BillingReference': {
      const refs = all(el, CAC, 'InvoiceDocumentReference');
      if (refs.length > 1)
        out.fatal(
          'UBL-SR-06',
          'BT-25',
          el,
          'Référence à la facture antérieure (BT-25) : une seule par groupe BillingReference.',
        );
      if (!refs.some((r) => first(r, CBC, 'ID')))
        out.fatal(
          'UBL-SR-07',
          'BT-25',
          el,
          'Référence à la facture antérieure (BT-25) : le numéro de la facture antérieure est obligatoire.',
        );
      break;
    }
    case 'TaxRepresentativeParty':
      if (count(el, [CAC, 'PartyName'], [CBC, 'Name']) > 1)
        out.fatal('UBL-SR-22', 'BT-62', el, 'Nom du représentant fiscal (BT-62) : une seule occurrence autorisée.');
      break;
    case 'TaxSubtotal':
      if (count(el, [CAC, 'TaxCategory'], [CBC, 'TaxExemptionReason']) > 1)
        out.fatal('UBL-SR-32', 'BT-120', el, "Motif d'exonération de TVA (BT-120) : une seule occurrence autorisée.");
      break;
    default:
  }
}

function lineRules(el: XmlElement, out: Out): void {
  const item = first(el, CAC, 'Item');
  if (all(el, CBC, 'Note').length > 1)
    out.fatal('UBL-SR-34', 'BT-127', el, 'Note de ligne (BT-127) : une seule occurrence autorisée.');
  if (count(el, [CAC, 'OrderLineReference'], [CBC, 'LineID']) > 1)
    out.fatal('UBL-SR-35', 'BT-132', el, 'Référence de ligne de commande (BT-132) : une seule occurrence autorisée.');
  if (all(el, CAC, 'InvoicePeriod').length > 1)
    out.fatal('UBL-SR-36', 'BG-26', el, 'Période de ligne (BG-26) : une seule occurrence autorisée.');
  if (count(el, [CAC, 'Price'], [CAC, 'AllowanceCharge'], [CBC, 'Amount']) > 1)
    out.fatal('UBL-SR-37', 'BT-147', el, 'Remise sur le prix (BT-147) : une seule occurrence autorisée.');
  if (all(item, CAC, 'ClassifiedTaxCategory').length !== 1)
    out.fatal('UBL-SR-48', 'BT-151', el, "Catégorie de TVA de l'article (BT-151) : une et une seule par ligne.");
  if (all(item, CBC, 'Description').length > 1)
    out.fatal('UBL-SR-50', 'BT-154', el, "Description de l'article (BT-154) : une seule occurrence autorisée.");
  if (all(el, CAC, 'DocumentReference').length > 1)
    out.fatal('UBL-SR-52', 'BT-128', el, 'Référence de document de ligne (BT-128) : une seule occurrence autorisée.');
}

function payeeRules(f: Facts, el: XmlElement, out: Out): void {
  const names = path(el, [CAC, 'PartyName'], [CBC, 'Name']).map((n) => n.text);
  const sellerNames = path(
    el.parent,
    [CAC, 'AccountingSupplierParty'],
    [CAC, 'Party'],
    [CAC, 'PartyLegalEntity'],
    [CBC, 'RegistrationName'],
  ).map((n) => n.text);
  const differs = names.some((a) => sellerNames.some((b) => a !== b));
  if (!(names.length <= 1 && differs))
    out.fatal(
      'UBL-SR-19',
      'BT-59',
      el,
      'Nom du bénéficiaire (BT-59) : une seule occurrence, distincte du nom du vendeur.',
    );
  const ids = path(el, [CAC, 'PartyIdentification'], [CBC, 'ID']).filter(
    (i) => (i.attrs.get('schemeID') ?? '').toUpperCase() !== 'SEPA' && i.attrs.has('schemeID'),
  );
  const idsNoScheme = path(el, [CAC, 'PartyIdentification'], [CBC, 'ID']).filter((i) => !i.attrs.has('schemeID'));
  void idsNoScheme;
  if (!(ids.length <= 1 && differs))
    out.fatal(
      'UBL-SR-20',
      'BT-60',
      el,
      'Identifiant du bénéficiaire (BT-60) : une seule occurrence lorsque le bénéficiaire est distinct du vendeur.',
    );
  if (!(count(el, [CAC, 'PartyLegalEntity'], [CBC, 'CompanyID']) <= 1 && differs)) {
    out.fatal(
      'UBL-SR-21',
      'BT-61',
      el,
      'Immatriculation légale du bénéficiaire (BT-61) : une seule occurrence lorsque le bénéficiaire est distinct du vendeur.',
    );
  }
  void f;
}

/** Rules whose context is the Invoice / CreditNote root. */
function invoiceLevel(f: Facts, out: Out): void {
  const root = f.root;
  const supplier = path(root, [CAC, 'AccountingSupplierParty'], [CAC, 'Party'])[0];
  const customer = path(root, [CAC, 'AccountingCustomerParty'], [CAC, 'Party'])[0];
  const atMostOne = (rule: string, bt: string, n: number, label: string): void => {
    if (n > 1) out.fatal(rule, bt, root, `${label} (${bt}) : une seule occurrence autorisée.`);
  };
  atMostOne('UBL-SR-01', 'BT-12', count(root, [CAC, 'ContractDocumentReference'], [CBC, 'ID']), 'Référence du contrat');
  atMostOne(
    'UBL-SR-02',
    'BT-15',
    count(root, [CAC, 'ReceiptDocumentReference'], [CBC, 'ID']),
    "Référence de l'avis de réception",
  );
  atMostOne(
    'UBL-SR-03',
    'BT-16',
    count(root, [CAC, 'DespatchDocumentReference'], [CBC, 'ID']),
    "Référence de l'avis d'expédition",
  );
  atMostOne(
    'UBL-SR-04',
    'BT-18',
    all(root, CAC, 'AdditionalDocumentReference')
      .filter((d) => all(d, CBC, 'DocumentTypeCode').some((t) => t.text === '130'))
      .flatMap((d) => all(d, CBC, 'ID')).length,
    "Identifiant de l'objet facturé",
  );
  atMostOne('UBL-SR-05', 'BT-20', count(root, [CAC, 'PaymentTerms'], [CBC, 'Note']), 'Conditions de paiement');
  atMostOne('UBL-SR-08', 'BG-14', all(root, CAC, 'InvoicePeriod').length, 'Période de facturation');
  atMostOne(
    'UBL-SR-09',
    'BT-27',
    count(supplier, [CAC, 'PartyLegalEntity'], [CBC, 'RegistrationName']),
    'Nom du vendeur',
  );
  atMostOne('UBL-SR-10', 'BT-28', count(supplier, [CAC, 'PartyName'], [CBC, 'Name']), 'Nom commercial du vendeur');
  atMostOne(
    'UBL-SR-11',
    'BT-30',
    count(supplier, [CAC, 'PartyLegalEntity'], [CBC, 'CompanyID']),
    'Immatriculation légale du vendeur',
  );
  const schemes = (party: XmlElement | undefined, vat: boolean): number =>
    all(party, CAC, 'PartyTaxScheme')
      .filter((ts) => path(ts, [CAC, 'TaxScheme'], [CBC, 'ID']).some((i) => (i.text.toUpperCase() === 'VAT') === vat))
      .flatMap((ts) => all(ts, CBC, 'CompanyID')).length;
  atMostOne('UBL-SR-12', 'BT-31', schemes(supplier, true), 'Identifiant TVA du vendeur');
  atMostOne('UBL-SR-13', 'BT-32', schemes(supplier, false), 'Identifiant fiscal du vendeur');
  atMostOne(
    'UBL-SR-14',
    'BT-33',
    count(supplier, [CAC, 'PartyLegalEntity'], [CBC, 'CompanyLegalForm']),
    'Informations juridiques complémentaires du vendeur',
  );
  atMostOne(
    'UBL-SR-15',
    'BT-44',
    count(customer, [CAC, 'PartyLegalEntity'], [CBC, 'RegistrationName']),
    "Nom de l'acheteur",
  );
  atMostOne(
    'UBL-SR-16',
    'BT-46',
    count(customer, [CAC, 'PartyIdentification'], [CBC, 'ID']),
    "Identifiant de l'acheteur",
  );
  atMostOne(
    'UBL-SR-17',
    'BT-47',
    count(customer, [CAC, 'PartyLegalEntity'], [CBC, 'CompanyID']),
    "Immatriculation légale de l'acheteur",
  );
  atMostOne('UBL-SR-18', 'BT-48', schemes(customer, true), "Identifiant TVA de l'acheteur");
  atMostOne('UBL-SR-24', 'BG-13', all(root, CAC, 'Delivery').length, 'Informations de livraison');
  atMostOne('UBL-SR-39', 'BT-11', count(root, [CAC, 'ProjectReference'], [CBC, 'ID']), 'Référence du projet');
  atMostOne('UBL-SR-40', 'BT-45', count(customer, [CAC, 'PartyName'], [CBC, 'Name']), "Nom commercial de l'acheteur");
  atMostOne('UBL-SR-45', 'BT-9', count(root, [CAC, 'PaymentMeans'], [CBC, 'PaymentDueDate']), "Date d'échéance");
  atMostOne(
    'UBL-SR-46',
    'BT-82',
    all(root, CAC, 'PaymentMeans')
      .flatMap((p) => all(p, CBC, 'PaymentMeansCode'))
      .filter((c) => c.attrs.has('name')).length,
    'Libellé du moyen de paiement',
  );
  atMostOne(
    'UBL-SR-49',
    'BT-8',
    count(root, [CAC, 'InvoicePeriod'], [CBC, 'DescriptionCode']),
    "Code de date d'exigibilité de la TVA",
  );

  // UBL-CR rules with a condition.
  const version = first(root, CBC, 'UBLVersionID');
  if (version && version.text !== '2.1') out.warning('UBL-CR-002', '', version, 'Version UBL : absente ou 2.1.');
  if (!f.creditNote && count(root, [CAC, 'PaymentMeans'], [CBC, 'PaymentDueDate']) > 0)
    out.warning(
      'UBL-CR-412',
      '',
      root,
      'Élément non prévu par la norme EN 16931 : cac:PaymentMeans/cbc:PaymentDueDate.',
    );
}
