// deposerPDFFacture: a supplier's account deposits the PDF of an invoice; it waits for `soumettre` (mode
// DEPOT_PDF_API) to become one. Chorus reads the PDF by OCR and answers what it found; the hub reads a Factur-X
// PDF's embedded XML instead (exact where OCR guesses) and answers only the supplier for a plain PDF. The answer's
// fields are those Pastell's supplier side takes (CPPDeposerPDF: codeDestinataire, codeDeviseFacture,
// codeFournisseur, codeServiceExecutant, dateFacture, montantAPayer, montantHtTotal, montantTVA,
// montantTtcAvantRemiseGlobalTTC, numeroBonCommande, numeroFacture, pieceJointeId, typeFacture, typeTva).
import { chorusMirrorPdfUploads } from '../../../../db/schema/chorus.ts';
import { looksLikePdf, readInvoice, type Invoice } from '../../../../formats/index.ts';
import { getStructure } from '../../../directory/index.ts';
import { routingReferencesOf } from '../../../invoices/index.ts';
import { databaseBlobStore } from '../../../platform/blob-store.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_GCU } from '../../domain/api-contract.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { amount, typeFacture } from './invoice-rows.ts';

/** A PDF deposited this way is 10 MB at most; beyond, Chorus answers 413 (research note §2.1). */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const FORMATS = ['PDF_NON_SIGNE', 'PDF_SIGNE_PADES', 'PDF_SIGNE_XADES'];
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

export async function depositPdf(deps: AppDeps, session: MirrorSession, body: Record<string, unknown>) {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(
      20005,
      'Ce compte technique n’est pas rattaché à une structure fournisseur : il ne peut pas déposer de factures.',
    );
  const name = typeof body.nomFichier === 'string' ? body.nomFichier.trim() : '';
  if (name === '' || name.length > 200)
    throw new MirrorRefusal(20001, 'Le nom du fichier (nomFichier, 200 caractères au plus) est obligatoire.');
  const format = typeof body.formatDepot === 'string' && body.formatDepot !== '' ? body.formatDepot : 'PDF_NON_SIGNE';
  if (!FORMATS.includes(format))
    throw new MirrorRefusal(20001, `Le format de dépôt « ${format} » est inconnu (valeurs : ${FORMATS.join(', ')}).`);
  if (typeof body.fichierFacture !== 'string' || !BASE64.test(body.fichierFacture))
    throw new MirrorRefusal(20001, 'Le fichier de la facture (fichierFacture) doit être un PDF encodé en base64.');
  const bytes = new Uint8Array(Buffer.from(body.fichierFacture, 'base64'));
  if (bytes.length > MAX_PDF_BYTES)
    throw new MirrorRefusal(
      20042,
      'Le fichier PDF dépasse 10 Mo, la taille maximale d’une facture déposée en PDF.',
      413,
    );
  if (!looksLikePdf(bytes)) throw new MirrorRefusal(20001, 'Le fichier déposé (fichierFacture) n’est pas un PDF.');

  const sha256 = await databaseBlobStore(deps.db).put(bytes, 'application/pdf');
  const [upload] = await deps.db
    .insert(chorusMirrorPdfUploads)
    .values({
      supplierId: session.structureId,
      accountId: session.account.id,
      sha256,
      fileName: name,
      formatDepot: format,
      createdAt: deps.clock.now(),
    })
    .returning({ pieceJointeId: chorusMirrorPdfUploads.pieceJointeId });
  if (!upload) throw new Error('insert into chorus_mirror_pdf_uploads returned no row');
  const supplier = await getStructure(deps.db, session.structureId);
  const read = await readEmbedded(bytes);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_GCU,
    pieceJointeId: upload.pieceJointeId,
    codeFournisseur: supplier?.siret ?? supplier?.vatNumber ?? '',
    ...(read ? extracted(read) : {}),
  };
}

/** The invoice embedded in a Factur-X PDF, or undefined for a plain PDF. */
export async function readEmbedded(bytes: Uint8Array): Promise<Invoice | undefined> {
  try {
    return (await readInvoice(bytes)).invoice;
  } catch {
    return undefined;
  }
}

function extracted(inv: Invoice) {
  const references = routingReferencesOf(inv);
  const t = inv.totals;
  const exempt = inv.vatBreakdown.length > 0 && inv.vatBreakdown.every((b) => b.categoryCode === 'E');
  return {
    numeroFacture: inv.number,
    dateFacture: inv.issueDate,
    codeDestinataire: references.buyerSiret ?? undefined,
    codeServiceExecutant: references.serviceCode ?? undefined,
    numeroBonCommande: references.engagementNumber ?? undefined,
    codeDeviseFacture: inv.currencyCode,
    typeFacture: typeFacture(inv.typeCode ?? '380'),
    typeTva: exempt ? 'EXONERATION' : inv.vatPointDateCode === '432' ? 'TVA_SUR_ENCAISSEMENT' : 'TVA_SUR_DEBIT',
    ...(t.taxExclusiveAmount ? { montantHtTotal: amount(t.taxExclusiveAmount) } : {}),
    ...(t.taxAmount ? { montantTVA: amount(t.taxAmount) } : {}),
    ...(t.taxInclusiveAmount ? { montantTtcAvantRemiseGlobalTTC: amount(t.taxInclusiveAmount) } : {}),
    ...(t.payableAmount ? { montantAPayer: amount(t.payableAmount) } : {}),
  };
}
