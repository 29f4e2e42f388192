// The Chorus Pro pivot format ("flux pivot", CPPFacturePivot, schema V1_22): what `telecharger/groupe` answers with
// `format: "PIVOT"` and what Pastell imports. Written from the EN 16931 model of each invoice plus what Chorus knows
// around it (its id, the recipient's service, the reception date, the readable PDF and the attachments).
//
// Structure and element order follow a real Chorus pivot kept as a test fixture by Pastell
// (megalis-bretagne/pastell test/PHPUnit/fixtures/fixtures_chorus/facture-pivot.xml, CPPFacturePivot_V1_22.xsd),
// Pastell's own pivot writer (module facture-formulaire-pivot, FactureFichierPivot) and its reader
// (module facture-cpp, ExtraireDonneesPivot), which reads:
//   Fournisseur: TypeIdentifiant, Identifiant, RaisonSociale, CodePays, ReferenceBancaire[@Type]/Compte/Etablissement,
//     ModeEmission
//   Debiteur: Identifiant, Nom, CodeService
//   DonneesFacture: Id, Type, Cadre, DateEmissionFacture, DateReception, ModePaiement/Code|Libelle, Devise,
//     Montants/MontantHT|MontantTTC|MontantNetAPayer, Engagement/NumeroMarche|NumeroEngagement
//   PJ: TypePJ 01 (the invoice) or 02 (complementary), NomPJ, Contenu (base64; a ZIP is unpacked), MimeTypePJ
// As in the fixture, each PJ's content is a ZIP holding the one file, and MimeTypePJ is the file's own type.
import { leaf, node, required, serialize, type Invoice, type XNode } from '../../../formats/index.ts';
import { writeZip } from '../mirror/transverses/zip.ts';

/** Chorus identifier types (`TypeIdentifiant`): 1 SIRET, 2 EU outside France, 3 outside the EU (research note §4). */
export type PivotIdentifierType = '1' | '2' | '3';

export interface PivotAttachment {
  /** 01: the invoice itself (its PDF); 02: a complementary document. */
  type: '01' | '02';
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface PivotInvoice {
  invoice: Invoice;
  supplier: { identifierType: PivotIdentifierType; identifier: string; name: string; countryCode: string };
  debtor: { siret: string; name: string; serviceCode: string | null; serviceName: string | null };
  /** Chorus billing frame (`Cadre`): A1 for a supplier invoice. */
  frame: string;
  /** Day Chorus received the invoice (`DateReception`), YYYY-MM-DD. */
  receivedOn: string;
  /** How the supplier sent it (`ModeEmission`): "flux" for an EDI or API flux, as in the fixture. */
  sentBy: string;
  attachments: PivotAttachment[];
}

export interface PivotEnvelope {
  /** Production day (`DtPrd`), YYYY-MM-DD. */
  producedOn: string;
  /** Id of the outgoing flux (`IdFlx`). */
  fluxId: string;
  /** The receiving partner (`Recepteur`): the recipient structure. */
  recipient: { id: string; label: string };
  /** The instant written into the ZIP entries of the attachments. */
  at: Date;
}

const ns = [
  ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
  ['xsi:noNamespaceSchemaLocation', 'CPPFacturePivot_V1_22.xsd'],
] as const;

/** UNTDID 4461 payment means, as Chorus labels them (`ModePaiement/Libelle`). */
function paymentLabel(code: string | undefined): string {
  switch (code) {
    case '30':
    case '31':
    case '42':
    case '58':
      return 'VIREMENT';
    case '49':
    case '59':
      return 'PRELEVEMENT';
    case '20':
      return 'CHEQUE';
    case '10':
      return 'ESPECE';
    default:
      return 'AUTRE';
  }
}

function fournisseur(p: PivotInvoice): XNode | undefined {
  const transfer = p.invoice.paymentInstructions?.creditTransfers[0];
  return node('Fournisseur', [
    leaf('TypeIdentifiant', p.supplier.identifierType),
    leaf('Identifiant', p.supplier.identifier),
    leaf('RaisonSociale', p.supplier.name),
    leaf('CodePays', p.supplier.countryCode),
    transfer?.accountId
      ? node(
          'ReferenceBancaire',
          [leaf('Compte', transfer.accountId), leaf('Etablissement', transfer.serviceProviderId)],
          [['Type', /^[A-Z]{2}\d{2}/.test(transfer.accountId) ? 'IBAN' : 'RIB']],
        )
      : undefined,
    leaf('ModeEmission', p.sentBy),
  ]);
}

function debiteur(p: PivotInvoice): XNode | undefined {
  return node('Debiteur', [
    leaf('TypeIdentifiant', '1'),
    leaf('Identifiant', p.debtor.siret),
    leaf('Nom', p.debtor.name),
    leaf('CodeService', p.debtor.serviceCode ?? undefined),
    leaf('NomService', p.debtor.serviceName ?? undefined),
  ]);
}

function donneesFacture(p: PivotInvoice): XNode | undefined {
  const inv = p.invoice;
  const means = inv.paymentInstructions?.meansTypeCode;
  return node('DonneesFacture', [
    leaf('Id', inv.number),
    leaf('IdFactureOrigine', inv.precedingInvoices[0]?.reference),
    leaf('Type', inv.typeCode),
    leaf('Cadre', p.frame),
    leaf('DateEmissionFacture', inv.issueDate),
    means !== undefined ? node('ModePaiement', [leaf('Code', means), leaf('Libelle', paymentLabel(means))]) : undefined,
    leaf('DateReception', p.receivedOn),
    leaf('Devise', inv.currencyCode),
    node('Montants', [
      leaf('MontantHT', inv.totals.taxExclusiveAmount),
      leaf('MontantTTC', inv.totals.taxInclusiveAmount),
      leaf('MontantNetAPayer', inv.totals.payableAmount),
    ]),
    node(
      'TVAs',
      inv.vatBreakdown.map((b) =>
        node('TVA', [leaf('Taux', b.rate ?? '0'), leaf('BaseHt', b.taxableAmount), leaf('MontantTVA', b.taxAmount)]),
      ),
    ),
    node('Engagement', [
      leaf('NumeroMarche', inv.contractReference),
      leaf('NumeroEngagement', inv.purchaseOrderReference),
    ]),
    required(
      'Lignes',
      inv.lines.map((l, i) =>
        node(
          'Ligne',
          [
            leaf('ReferenceProduit', l.item.sellerId ?? l.item.name),
            leaf('PrixUnitaire', l.price.netPrice),
            leaf('Quantite', l.quantity),
            leaf('MontantHT', l.netAmount),
            leaf('TauxTVA', l.vat.rate),
          ],
          [['NumOrdre', String(i + 1)]],
        ),
      ),
    ),
  ]);
}

function pj(a: PivotAttachment, index: number, at: Date): XNode {
  const zip = writeZip([{ name: a.name, bytes: a.bytes }], at);
  return required(
    'PJ',
    [
      leaf('Contenu', Buffer.from(zip).toString('base64')),
      leaf('NomPJ', a.name),
      leaf('TypePJ', a.type),
      leaf('MimeTypePJ', a.mediaType),
    ],
    [['NumOrdre', String(index + 1)]],
  );
}

/** The pivot XML of these invoices (one `CPPFacturePivotUnitaire` each). */
export function writePivot(invoices: readonly PivotInvoice[], envelope: PivotEnvelope): string {
  const root = required(
    'CPPFacturePivot',
    [
      required('Enveloppe', [
        required(
          'EnveloppeUnitaire',
          [
            required('Parametres', [
              required(
                'ParametreIndiv',
                [leaf('Code', 'DtPrd'), leaf('Valeurparametre', envelope.producedOn)],
                [['NumOrdre', '0001']],
              ),
              required(
                'ParametreIndiv',
                [leaf('Code', 'IdFlx'), leaf('Valeurparametre', envelope.fluxId)],
                [['NumOrdre', '0002']],
              ),
            ]),
            required('Partenaires', [
              required('Recepteur', [leaf('Id', envelope.recipient.id), leaf('Libelle', envelope.recipient.label)]),
              required('Emetteur', [leaf('Id', 'CPP001'), leaf('Libelle', 'CPP')]),
            ]),
          ],
          [['NumOrdre', '1']],
        ),
      ]),
      required(
        'CPPFactures',
        invoices.map((p, i) =>
          required(
            'CPPFacturePivotUnitaire',
            [fournisseur(p), debiteur(p), donneesFacture(p), ...p.attachments.map((a, n) => pj(a, n, envelope.at))],
            [['NumOrdre', String(i + 1)]],
          ),
        ),
        [['Compteur', String(invoices.length)]],
      ),
    ],
    ns,
  );
  return serialize(root);
}
