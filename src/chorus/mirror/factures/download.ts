// telechargerGroupeFacture: the invoices' files in base64. Format PDF: the PDF of each invoice (several come as one
// .tar.gz). Format PIVOT: the Chorus pivot XML of the invoices (one document, one CPPFacturePivotUnitaire each) with
// their PDF and attachments inside, as Pastell imports it. A recipient's download is remembered
// (`factureTelechargeeParDestinataire`).
import { chorusMirrorDownloads } from '../../../../db/schema/chorus.ts';
import { looksLikePdf, type Invoice } from '../../../../formats/index.ts';
import { getStructure } from '../../../directory/index.ts';
import { getInvoiceDetail, getInvoicePdf } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES, type TelechargerGroupeResponse } from '../../domain/api-contract.ts';
import { chorusDate } from '../../domain/dates.ts';
import { writePivot, type PivotAttachment, type PivotInvoice } from '../../pivot/write.ts';
import { writeTarGz } from '../flux/archive.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { invoiceOfSession } from './invoice-of-session.ts';
import { invoiceModel } from './invoice-model.ts';
import { invoiceFacts, type InvoiceFacts } from './invoice-rows.ts';

/** The download is ≤ 120 MB on Chorus Pro, beyond which it answers 413. */
export const MAX_DOWNLOAD_BYTES = 120 * 1024 * 1024;

const tooLarge = () =>
  new MirrorRefusal(20042, 'Le téléchargement dépasse 120 Mo : demandez moins de factures à la fois.', 413);

export async function downloadInvoices(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<TelechargerGroupeResponse> {
  const format = body.format === undefined ? 'PDF' : body.format;
  if (format !== 'PDF' && format !== 'PIVOT')
    throw new MirrorRefusal(20001, 'Le format de téléchargement doit être PDF ou PIVOT.');
  const list = Array.isArray(body.listeFacture) ? (body.listeFacture as Record<string, unknown>[]) : [];
  if (list.length === 0) throw new MirrorRefusal(20001, 'La liste des factures à télécharger (listeFacture) est vide.');
  const invoiceIds: { invoiceId: string; cppId: number }[] = [];
  for (const entry of list) invoiceIds.push(await invoiceOfSession(deps, session, entry?.idFacture));

  let bytes: Uint8Array;
  if (format === 'PIVOT') {
    const withAttachments = body.avecPiecesJointesComplementaires !== 'NON';
    const pivots: PivotInvoice[] = [];
    let size = 0;
    for (const { invoiceId } of invoiceIds) {
      const pivot = await pivotOf(deps, session, invoiceId, withAttachments);
      size += pivot.attachments.reduce((n, a) => n + a.bytes.length, 0);
      if (size > MAX_DOWNLOAD_BYTES) throw tooLarge();
      pivots.push(pivot);
    }
    const first = pivots[0] as PivotInvoice;
    bytes = new TextEncoder().encode(
      writePivot(pivots, {
        producedOn: chorusDate(deps.clock.now()),
        fluxId: String(invoiceIds[0]?.cppId ?? 0),
        recipient: { id: first.debtor.siret, label: first.debtor.name },
        at: deps.clock.now(),
      }),
    );
  } else {
    const files = [];
    let size = 0;
    for (const { invoiceId } of invoiceIds) {
      const document = await getInvoicePdf(deps, session.actor, invoiceId);
      size += document.bytes.length;
      if (size > MAX_DOWNLOAD_BYTES) throw tooLarge();
      files.push({ name: document.fileName, bytes: document.bytes });
    }
    const single = files.length === 1 ? files[0] : undefined;
    bytes = single ? single.bytes : writeTarGz(files);
  }
  if (session.role === 'accountant') {
    for (const { invoiceId } of invoiceIds) {
      await deps.db
        .insert(chorusMirrorDownloads)
        .values({ invoiceId, structureId: session.structureId, downloadedAt: deps.clock.now() })
        .onConflictDoNothing();
    }
  }
  return { codeRetour: 0, libelle: LIBELLE_OK_TRANSVERSES, fichierResultat: Buffer.from(bytes).toString('base64') };
}

/** How the supplier sent it, as the pivot's `ModeEmission` says ("flux" in the sources; the others are a guess). */
const SENT_BY: Record<InvoiceFacts['modeDepot'], string> = {
  DEPOT_FLUX: 'flux',
  SAISIE_API: 'api',
  DEPOT_PDF_API: 'api',
  DEPOT_PDF_SIGNE_API: 'api',
  DEPOT_PORTAIL: 'portail',
};

/** The readable PDF a supplier deposited with the invoice (BT-123 `LISIBLE`, as the reform qualifies it). */
export const READABLE_PDF = 'LISIBLE';

async function pivotOf(
  deps: AppDeps,
  session: MirrorSession,
  invoiceId: string,
  withAttachments: boolean,
): Promise<PivotInvoice> {
  const detail = await getInvoiceDetail(deps, session.actor, invoiceId);
  const [model, facts, supplier] = await Promise.all([
    invoiceModel(deps, session, invoiceId),
    invoiceFacts(deps, session, [detail]),
    getStructure(deps.db, detail.supplier.id),
  ]);
  const fact = facts.get(invoiceId) as InvoiceFacts;
  const identifier = supplier?.siret ?? supplier?.vatNumber ?? detail.supplierIdentifier ?? '';
  const embedded = embeddedDocuments(model);
  const readable = embedded.find((d) => d.readable);
  const invoicePdf = readable
    ? { ...readable.file, type: '01' as const }
    : {
        type: '01' as const,
        name: `FAC${identifier}${detail.number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '_'),
        mediaType: 'application/pdf',
        bytes: (await getInvoicePdf(deps, session.actor, invoiceId)).bytes,
      };
  const others = withAttachments ? embedded.filter((d) => d !== readable).map((d) => d.file) : [];
  return {
    invoice: model,
    supplier: {
      // A supplier without SIRET is identified by its intra-community VAT number (EU) or is outside the EU.
      identifierType: supplier?.siret ? '1' : supplier?.vatNumber ? '2' : '3',
      identifier,
      name: detail.supplier.name,
      countryCode: model.seller.postalAddress.countryCode ?? 'FR',
    },
    debtor: {
      siret: detail.buyer.siret,
      name: detail.buyer.name,
      serviceCode: detail.service?.code ?? null,
      serviceName: detail.service?.label ?? null,
    },
    frame: chorusFrame(model.processControl.businessProcessType),
    receivedOn: chorusDate(detail.depositedAt),
    sentBy: SENT_BY[fact.modeDepot],
    attachments: [invoicePdf, ...others],
  };
}

/** BT-23 when it holds a Chorus frame (`A2`, `A9_FACTURE_SOUSTRAITANT`…), otherwise A1 (a supplier invoice). */
function chorusFrame(bt23: string | undefined): string {
  const m = /^(A(?:[1-9]|1[0-9]|2[0-5]))(?:_|$)/.exec(bt23?.trim() ?? '');
  return m?.[1] ?? 'A1';
}

function embeddedDocuments(model: Invoice): { readable: boolean; file: PivotAttachment }[] {
  return model.additionalDocuments.flatMap((d, i) => {
    const content = d.attachment?.content;
    if (!content) return [];
    const bytes = new Uint8Array(Buffer.from(content, 'base64'));
    const mediaType = d.attachment?.mimeCode ?? (looksLikePdf(bytes) ? 'application/pdf' : 'application/octet-stream');
    const name = d.attachment?.filename ?? `PJ${String(i + 1).padStart(2, '0')}`;
    return [
      {
        readable: d.description?.trim() === READABLE_PDF && mediaType === 'application/pdf',
        file: { type: '02' as const, name, mediaType, bytes },
      },
    ];
  });
}
