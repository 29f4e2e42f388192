// The documents of a visible invoice: the original as deposited, and a PDF to read it.
import { and, asc, eq } from 'drizzle-orm';
import { readInvoice } from '../../../formats/index.ts';
import { renderInvoicePdf } from '../../../formats/index.ts';
import { deposits } from '../../../db/schema/invoices.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { findVisibleInvoice } from './find-visible.ts';

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
  const [deposit] = await deps.db
    .select({ fileName: deposits.fileName })
    .from(deposits)
    .where(and(eq(deposits.invoiceId, invoice.id), eq(deposits.outcome, 'accepted')))
    .orderBy(asc(deposits.createdAt))
    .limit(1);
  const extension = stored.mediaType === 'application/pdf' ? 'pdf' : 'xml';
  return {
    bytes: stored.bytes,
    mediaType: stored.mediaType,
    fileName: deposit?.fileName ?? `${safeName(invoice.number)}.${extension}`,
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
  const original = await getInvoiceOriginal(deps, actor, id);
  const name = original.fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  if (original.mediaType === 'application/pdf') return { ...original, fileName: `${name}.pdf`, source: 'original' };
  const read = await readInvoice(original.bytes);
  return {
    bytes: await renderInvoicePdf(read.invoice),
    mediaType: 'application/pdf',
    fileName: `${name}.pdf`,
    source: 'rendering',
  };
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'facture';
}
