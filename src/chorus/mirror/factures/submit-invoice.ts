// soumettreFacture: an invoice entered through the API becomes an EN 16931 invoice written as UBL 2.1, then goes
// through the hub's deposit verb like any other; the answer is Chorus's.
// - modeDepot SAISIE_API: every line is keyed in (`lignePoste`).
// - modeDepot DEPOT_PDF_API (or DEPOT_PDF_SIGNE_API): the invoice's PDF was deposited first with `deposer/pdf`
//   and is named by `pieceJointePrincipale[].pieceJointePrincipaleId`; Pastell's supplier side sends only the
//   totals. The lines come from `lignePoste` when given, else from the Factur-X XML the PDF carries, else one line
//   per VAT rate (`ligneTva`, or the one French rate the totals imply). The PDF goes with the invoice as its readable
//   copy (BG-24, BT-123 "LISIBLE").
import { and, eq, isNull } from 'drizzle-orm';
import { chorusMirrorPdfUploads, chorusMirrorSubmissions } from '../../../../db/schema/chorus.ts';
import {
  dec,
  emptyInvoice,
  emptyLine,
  roundHalfUp,
  toFixed,
  writeUbl,
  type Invoice,
  type InvoiceLine,
} from '../../../../formats/index.ts';
import { findStructureBySiret, frenchVatNumber, getStructure } from '../../../directory/index.ts';
import { depositInvoice, type InvoiceDeps } from '../../../invoices/index.ts';
import { databaseBlobStore } from '../../../platform/blob-store.ts';
import { LIBELLE_OK_GCU } from '../../domain/api-contract.ts';
import { chorusDate } from '../../domain/dates.ts';
import { cppIdOf, hubIdOf } from '../../ids.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { readEmbedded } from './deposit-pdf.ts';
import { READABLE_PDF } from './download.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const missing = (field: string) => new MirrorRefusal(20001, `Le champ ${field} est obligatoire.`);

const MODES = ['SAISIE_API', 'DEPOT_PDF_API', 'DEPOT_PDF_SIGNE_API'] as const;
type Mode = (typeof MODES)[number];

/** VAT rates a total may imply when the VAT lines are not given, most common first. */
const FRENCH_RATES = ['20', '10', '5.5', '2.1', '8.5', '13', '7', '19.6'];

/** A JSON amount or quantity as a decimal string, never through float arithmetic. */
function decimal(v: unknown, field: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return dec(String(v)).toString();
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return v.trim();
  throw new MirrorRefusal(20001, `Le champ ${field} doit être un nombre.`);
}

/** Chorus VAT rate codes (`TVA20`, `TVA5_5`…) or a manual rate. */
function vatRate(code: unknown, manual: unknown, field: string): string {
  if (manual !== undefined && manual !== null && manual !== 0) return decimal(manual, field);
  const m = typeof code === 'string' ? /^TVA(\d+)(?:_(\d+))?$/.exec(code) : null;
  if (!m) throw new MirrorRefusal(20001, `Le taux de TVA ${String(code)} (${field}) est inconnu.`);
  return m[2] ? `${m[1]}.${m[2]}` : (m[1] as string);
}

export async function submitInvoice(deps: InvoiceDeps, session: MirrorSession, body: Json) {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure fournisseur.');
  const mode = str(body.modeDepot) ?? 'SAISIE_API';
  if (!(MODES as readonly string[]).includes(mode))
    throw new MirrorRefusal(20001, `Le mode de dépôt ${mode} est inconnu (valeurs : ${MODES.join(', ')}).`);
  const fournisseur = obj(body.fournisseur);
  if (
    fournisseur.idFournisseur !== undefined &&
    fournisseur.idFournisseur !== 0 &&
    (await hubIdOf(deps.db, 'structure', fournisseur.idFournisseur)) !== session.structureId
  ) {
    throw new MirrorRefusal(20005, 'Ce compte technique n’agit pas pour ce fournisseur (idFournisseur).');
  }
  const upload = mode === 'SAISIE_API' ? undefined : await uploadOf(deps, session, body);
  const invoice = await invoiceOf(deps, session, body, upload);
  const bytes = new TextEncoder().encode(writeUbl(invoice));
  const result = await depositInvoice({
    ctx: { deps: deps, actor: session.actor },
    input: {
      supplierId: session.structureId,
      bytes,
      fileName: `${invoice.number}.xml`,
      channel: 'chorus_mirror',
    },
  });
  if (result.outcome === 'refused') {
    const detail = result.violations
      ?.filter((v) => v.severity === 'fatal')
      .map((v) => `${v.rule} : ${v.message}`)
      .join(' ; ');
    throw new MirrorRefusal(20020, detail ? `${result.message} ${detail}` : result.message);
  }
  await deps.db
    .insert(chorusMirrorSubmissions)
    .values({ invoiceId: result.invoiceId, modeDepot: mode as Mode, accountId: session.account.id });
  if (upload)
    await deps.db
      .update(chorusMirrorPdfUploads)
      .set({ invoiceId: result.invoiceId })
      .where(eq(chorusMirrorPdfUploads.pieceJointeId, upload.pieceJointeId));
  const supplier = await getStructure(deps.db, session.structureId);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_GCU,
    identifiantFactureCPP: await cppIdOf(deps.db, 'invoice', result.invoiceId),
    numeroFacture: result.number,
    statutFacture: result.status,
    dateDepot: chorusDate(deps.clock.now()),
    identifiantStructure: supplier?.siret ?? '',
    empreinteCertificatDepot: Buffer.from(result.originalSha256, 'hex').toString('base64'),
  };
}

interface Upload {
  pieceJointeId: number;
  fileName: string;
  bytes: Uint8Array;
  embedded: Invoice | undefined;
}

/** The PDF `deposer/pdf` stored for this supplier, not yet submitted. */
async function uploadOf(deps: InvoiceDeps, session: MirrorSession, body: Json): Promise<Upload> {
  const principal = Array.isArray(body.pieceJointePrincipale) ? obj(body.pieceJointePrincipale[0]) : {};
  const id = principal.pieceJointePrincipaleId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
    throw missing('pieceJointePrincipale[0].pieceJointePrincipaleId (le PDF déposé avec deposer/pdf)');
  const [row] = await deps.db
    .select()
    .from(chorusMirrorPdfUploads)
    .where(
      and(
        eq(chorusMirrorPdfUploads.pieceJointeId, id),
        eq(chorusMirrorPdfUploads.supplierId, session.structureId),
        isNull(chorusMirrorPdfUploads.invoiceId),
      ),
    );
  const stored = row ? await databaseBlobStore(deps.db).get(row.sha256) : null;
  if (!row || !stored)
    throw new MirrorRefusal(
      20002,
      `La pièce jointe ${id} est introuvable pour ce fournisseur, ou a déjà servi à une facture : déposez le PDF avec deposer/pdf.`,
    );
  return { pieceJointeId: id, fileName: row.fileName, bytes: stored.bytes, embedded: await readEmbedded(stored.bytes) };
}

async function invoiceOf(deps: InvoiceDeps, session: MirrorSession, body: Json, upload: Upload | undefined) {
  const references = obj(body.references);
  const destinataire = obj(body.destinataire);
  const number = str(body.numeroFactureSaisi) ?? upload?.embedded?.number;
  if (!number) throw missing('numeroFactureSaisi');
  const buyerSiret = str(destinataire.codeDestinataire);
  if (!buyerSiret) throw missing('destinataire.codeDestinataire');
  const supplier = await getStructure(deps.db, session.structureId);
  if (!supplier?.siret || !supplier.siren)
    throw new MirrorRefusal(20005, 'La structure du fournisseur n’a pas de SIRET.');
  const buyer = await findStructureBySiret(deps.db, buyerSiret);

  const invoice = emptyInvoice();
  invoice.number = number;
  invoice.issueDate = str(body.dateFacture) ?? upload?.embedded?.issueDate ?? chorusDate(deps.clock.now());
  invoice.typeCode = str(references.typeFacture) === 'AVOIR' ? '381' : '380';
  invoice.currencyCode = str(references.deviseFacture) ?? 'EUR';
  const serviceCode = str(destinataire.codeServiceExecutant);
  if (serviceCode) invoice.buyerReference = serviceCode;
  const engagement = str(references.numeroBonCommande);
  if (engagement) invoice.purchaseOrderReference = engagement;
  const contract = str(references.numeroMarche);
  if (contract) invoice.contractReference = contract;
  const origin = str(references.numeroFactureOrigine);
  if (origin) invoice.precedingInvoices = [{ reference: origin }];
  // Chorus's A1 (supplier invoice) in the French billing frames: M1, goods and services, valid under every profile.
  invoice.processControl = { businessProcessType: 'M1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [
    ...(str(body.commentaire) ? [{ note: str(body.commentaire) as string }] : []),
    {
      subjectCode: 'PMT',
      note: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
    },
    { subjectCode: 'PMD', note: "Pénalités de retard : taux d'intérêt de la BCE majoré de 8 points." },
    { subjectCode: 'AAB', note: "Pas d'escompte pour paiement anticipé." },
  ];
  invoice.seller = {
    name: supplier.name,
    identifiers: [{ value: supplier.siret, schemeId: '0009' }],
    legalRegistrationId: { value: supplier.siren, schemeId: '0002' },
    vatId: supplier.vatNumber ?? frenchVatNumber(supplier.siren),
    electronicAddress: { value: supplier.siret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };
  invoice.buyer = {
    name: buyer?.name ?? buyerSiret,
    legalRegistrationId: { value: buyerSiret, schemeId: '0009' },
    electronicAddress: { value: buyerSiret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };

  const lignes = Array.isArray(body.lignePoste) ? (body.lignePoste as unknown[]).map(obj) : [];
  if (lignes.length > 0) invoice.lines = lignes.map(keyedLine);
  else if (upload?.embedded && upload.embedded.lines.length > 0) invoice.lines = upload.embedded.lines;
  else if (upload) invoice.lines = summaryLines(body, number);
  else throw missing('lignePoste');
  const byRate = new Map<string, string>();
  for (const line of invoice.lines) {
    const rate = line.vat.rate ?? '0';
    byRate.set(rate, toFixed(dec(byRate.get(rate) ?? '0').plus(dec(line.netAmount ?? '0'))));
  }
  invoice.vatBreakdown = [...byRate].map(([rate, taxable]) => ({
    categoryCode: dec(rate).isZero() ? 'Z' : 'S',
    rate,
    taxableAmount: taxable,
    taxAmount: toFixed(roundHalfUp(dec(taxable).times(dec(rate)).dividedBy(100))),
  }));
  invoice.lines.forEach((l) => (l.vat.categoryCode = dec(l.vat.rate ?? '0').isZero() ? 'Z' : 'S'));
  const net = invoice.vatBreakdown.reduce((t, b) => t.plus(dec(b.taxableAmount ?? '0')), dec('0'));
  const vat = invoice.vatBreakdown.reduce((t, b) => t.plus(dec(b.taxAmount ?? '0')), dec('0'));
  const montants = obj(body.montantTotal);
  const payable =
    montants.montantAPayer !== undefined && montants.montantAPayer !== 0
      ? dec(decimal(montants.montantAPayer, 'montantTotal.montantAPayer'))
      : net.plus(vat);
  invoice.totals = {
    lineNetAmount: toFixed(net),
    taxExclusiveAmount: toFixed(net),
    taxAmount: toFixed(vat),
    taxInclusiveAmount: toFixed(net.plus(vat)),
    ...(payable.equals(net.plus(vat)) ? {} : { paidAmount: toFixed(net.plus(vat).minus(payable)) }),
    payableAmount: toFixed(payable),
  };
  for (const [field, expected] of [
    ['montantTtcTotal', net.plus(vat)],
    ['montantHtTotal', net],
    ['montantTVA', vat],
  ] as const) {
    const given = montants[field];
    if (given === undefined || given === null) continue;
    if (!dec(decimal(given, `montantTotal.${field}`)).equals(expected))
      throw new MirrorRefusal(
        20001,
        `Le montant ${field} (${String(given)}) ne correspond pas aux lignes de la facture (${toFixed(expected)}).`,
      );
  }

  // A transfer needs the supplier's IBAN, which Chorus keeps by id (codeCoordonneesBancairesFournisseur) and the hub
  // does not: the payment means is then the one of the Factur-X PDF, or left out. Credit notes carry none.
  const means = ({ CHEQUE: '20', PRELEVEMENT: '49', ESPECE: '10' } as Record<string, string>)[
    str(references.modePaiement) ?? ''
  ];
  if (invoice.typeCode === '380') {
    if (upload?.embedded?.paymentInstructions) invoice.paymentInstructions = upload.embedded.paymentInstructions;
    else if (means)
      invoice.paymentInstructions = { meansTypeCode: means, remittanceInformation: number, creditTransfers: [] };
  }
  if (upload) {
    invoice.additionalDocuments = [
      {
        reference: upload.fileName.slice(0, 200),
        description: READABLE_PDF,
        attachment: {
          content: Buffer.from(upload.bytes).toString('base64'),
          mimeCode: 'application/pdf',
          filename: upload.fileName,
        },
      },
    ];
  }
  return invoice;
}

function keyedLine(l: Json, i: number): InvoiceLine {
  const field = `lignePoste[${i}]`;
  const quantity = decimal(l.lignePosteQuantite, `${field}.lignePosteQuantite`);
  const price = decimal(l.lignePosteMontantUnitaireHT, `${field}.lignePosteMontantUnitaireHT`);
  const discount =
    l.lignePosteMontantRemiseHT === undefined || l.lignePosteMontantRemiseHT === null
      ? '0'
      : decimal(l.lignePosteMontantRemiseHT, `${field}.lignePosteMontantRemiseHT`);
  const rate = vatRate(l.lignePosteTauxTva, l.lignePosteTauxTvaManuel, `${field}.lignePosteTauxTva`);
  const line = emptyLine();
  line.id = String(l.lignePosteNumero ?? i + 1);
  line.quantity = quantity;
  line.unitCode = 'C62';
  line.price = { netPrice: price };
  line.netAmount = toFixed(roundHalfUp(dec(quantity).times(dec(price)).minus(dec(discount))));
  line.vat = { categoryCode: 'S', rate };
  line.item = {
    name: str(l.lignePosteDenomination) ?? str(l.lignePosteReference) ?? `Ligne ${i + 1}`,
    classificationIds: [],
    attributes: [],
  };
  return line;
}

/** One line per VAT rate, when only the totals of a PDF invoice are given. */
function summaryLines(body: Json, number: string): InvoiceLine[] {
  const lignesTva = Array.isArray(body.ligneTva) ? (body.ligneTva as unknown[]).map(obj) : [];
  const bases: [string, string][] = lignesTva.map((t, i) => [
    vatRate(t.ligneTvaTaux ?? t.ligneTvaTauxRefCode, t.ligneTvaTauxManuel, `ligneTva[${i}].ligneTvaTaux`),
    decimal(t.ligneTvaMontantBaseHtParTaux, `ligneTva[${i}].ligneTvaMontantBaseHtParTaux`),
  ]);
  if (bases.length === 0) {
    const montants = obj(body.montantTotal);
    if (montants.montantHtTotal === undefined) throw missing('montantTotal.montantHtTotal');
    const ht = dec(decimal(montants.montantHtTotal, 'montantTotal.montantHtTotal'));
    const tva = dec(decimal(montants.montantTVA ?? 0, 'montantTotal.montantTVA'));
    const rate = tva.isZero()
      ? '0'
      : FRENCH_RATES.find((r) => roundHalfUp(ht.times(dec(r)).dividedBy(100)).equals(tva));
    if (rate === undefined)
      throw new MirrorRefusal(
        20001,
        `Le montant de TVA ${tva.toFixed(2)} ne correspond à aucun taux français appliqué à ${ht.toFixed(2)} : précisez les lignes de TVA (ligneTva) ou les lignes de la facture (lignePoste).`,
      );
    bases.push([rate, ht.toFixed(2)]);
  }
  return bases.map(([rate, base], i) => {
    const line = emptyLine();
    line.id = String(i + 1);
    line.quantity = '1';
    line.unitCode = 'C62';
    line.price = { netPrice: base };
    line.netAmount = toFixed(dec(base));
    line.vat = { categoryCode: 'S', rate };
    line.item = { name: `Facture ${number} (détail dans le PDF joint)`, classificationIds: [], attributes: [] };
    return line;
  });
}
