// The documents of a visible invoice: the original as deposited, and a PDF to read it.
import { and, asc, eq } from 'drizzle-orm';
import { RENDERING_VERSION } from '../../../formats/index.ts';
import { deposits } from '../../../db/schema/invoices.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { cpuJob, cpuPoolOf, resultCacheOf } from '../../platform/cpu-pool/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { findVisibleInvoice } from './find-visible.ts';
import type * as Rendering from './render-pdf.ts';

const RENDER_PDF = cpuJob<typeof Rendering, 'renderPdf'>(new URL('./render-pdf.ts', import.meta.url), 'renderPdf');

export interface InvoiceDocument {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string;
}

export async function getInvoiceOriginal(
  deps: AppDeps,
  actor: Actor | undefined,
  id: string,
): Promise<InvoiceDocument> {
  const invoice = await findVisibleInvoice(deps, actor, id);
  const stored = await databaseBlobStore(deps.db).get(invoice.originalSha256);
  if (!stored) throw notFound('Document original');
  const extension = stored.mediaType === 'application/pdf' ? 'pdf' : 'xml';
  return {
    bytes: stored.bytes,
    mediaType: stored.mediaType,
    fileName: (await depositFileName(deps, invoice.id)) ?? `${safeName(invoice.number)}.${extension}`,
  };
}

/**
 * A PDF of the invoice: the Factur-X original itself when it was deposited as one (it is the legal document),
 * otherwise a French rendering of the structured invoice.
 */
export async function getInvoicePdf(
  deps: AppDeps,
  actor: Actor | undefined,
  id: string,
): Promise<InvoiceDocument & { source: 'original' | 'rendering' }> {
  const invoice = await findVisibleInvoice(deps, actor, id);
  // A Factur-X original is itself the PDF (and the legal document).
  if (invoice.syntax === 'FACTURX') {
    const original = await getInvoiceOriginal(deps, actor, id);
    return { ...original, fileName: `${baseName(original.fileName)}.pdf`, source: 'original' };
  }
  // Rendered in a thread of the CPU pool, once per original and version of the rendering: later views, and
  // views asked for while it renders, get the same bytes.
  const bytes = await resultCacheOf(deps).get(`pdf-${RENDERING_VERSION}-${invoice.originalSha256}`, async () => {
    const stored = await databaseBlobStore(deps.db).getBase64(invoice.originalSha256);
    if (!stored) throw notFound('Document original');
    return cpuPoolOf(deps).run(
      RENDER_PDF,
      { originalBase64: stored.base64 },
      { label: 'rendu PDF de la facture', weight: stored.size },
    );
  });
  const given = await depositFileName(deps, invoice.id);
  const name = given === null ? safeName(invoice.number) : baseName(given);
  return { bytes, mediaType: 'application/pdf', fileName: `${name}.pdf`, source: 'rendering' };
}

/** The file name the supplier gave with the accepted deposit, if any. */
async function depositFileName(deps: AppDeps, invoiceId: string): Promise<string | null> {
  const [deposit] = await deps.db
    .select({ fileName: deposits.fileName })
    .from(deposits)
    .where(and(eq(deposits.invoiceId, invoiceId), eq(deposits.outcome, 'accepted')))
    .orderBy(asc(deposits.createdAt))
    .limit(1);
  return deposit?.fileName ?? null;
}

const baseName = (fileName: string): string => fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'facture';
}
