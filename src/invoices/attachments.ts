// The files of an invoice's events: the documents embedded in the deposited invoice (BG-24) and those a supplier
// sends when completing a suspended invoice. Stored by content hash, named in `invoice_attachments`, and served
// only through an event of the invoice that references them, to the invoice's parties and the operator.
import { and, eq, sql } from 'drizzle-orm';
import { invoiceAttachments, invoiceEvents, invoices } from '../../db/schema/invoices.ts';
import { recordAudit } from './../platform/audit/index.ts';
import { requireActorPresent, requireRole } from '../platform/auth/index.ts';
import { databaseBlobStore } from '../platform/blob-store.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';
import { isUuid } from '../platform/uuid.ts';
import type { VerbCall } from '../platform/verb.ts';
import { actorRef } from './deposit/actor-ref.ts';
import { findVisibleInvoice } from './queries/find-visible.ts';

/** Chorus Pro: 10 MB per attachment. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

const SHA256 = /^[0-9a-f]{64}$/;

export interface AttachmentInfo {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
}

export const cleanAttachmentName = (name: string): string =>
  (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-200) || 'piece-jointe';

/**
 * The supplier of the invoice joins files to it (before completing it): each is stored and named for this invoice.
 * Returns the hashes the completion's event will reference.
 */
export async function attachToInvoice({
  ctx,
  input,
}: VerbCall<Pick<AppDeps, 'db'>, { invoiceId: string; files: readonly File[] }>): Promise<string[]> {
  const actor = requireActorPresent(ctx.actor);
  if (!isUuid(input.invoiceId)) throw notFound('Facture');
  const [invoice] = await ctx.deps.db
    .select({ supplierId: invoices.supplierId, buyerId: invoices.buyerId })
    .from(invoices)
    .where(eq(invoices.id, input.invoiceId));
  if (!invoice) throw notFound('Facture');
  try {
    requireRole(actor, 'supplier', invoice.supplierId);
  } catch {
    throw forbidden('Seul le fournisseur de la facture peut y joindre des pièces.');
  }
  if (input.files.length > MAX_ATTACHMENTS)
    throw new AppError('TOO_MANY_ATTACHMENTS', `Au plus ${MAX_ATTACHMENTS} pièces jointes par envoi.`, 400);
  const tooBig = input.files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
  if (tooBig) throw new AppError('FILE_TOO_LARGE', `La pièce jointe « ${tooBig.name} » dépasse 10 Mo.`, 413);
  if (input.files.length === 0) return [];
  const read = await Promise.all(
    input.files.map(async (f) => ({
      bytes: new Uint8Array(await f.arrayBuffer()),
      fileName: cleanAttachmentName(f.name),
      mediaType: f.type || 'application/octet-stream',
    })),
  );
  return ctx.deps.db.transaction(async (tx) => {
    const stored = await storeInvoiceAttachments(tx, input.invoiceId, actorRef(actor).actor, read);
    await recordAudit(tx, {
      actor,
      action: 'invoice.attach',
      subject: { type: 'invoice', id: input.invoiceId },
      structureId: invoice.buyerId,
      after: { attachments: stored },
    });
    return stored.map((s) => s.sha256);
  });
}

/** Stores files and names them for the invoice (inside the caller's transaction). */
export async function storeInvoiceAttachments(
  db: AppDeps['db'],
  invoiceId: string,
  addedBy: string,
  files: readonly { bytes: Uint8Array; fileName: string; mediaType: string }[],
): Promise<AttachmentInfo[]> {
  const store = databaseBlobStore(db);
  const out: AttachmentInfo[] = [];
  for (const f of files) {
    const sha256 = await store.put(f.bytes, f.mediaType);
    await db
      .insert(invoiceAttachments)
      .values({ invoiceId, sha256, fileName: f.fileName, mediaType: f.mediaType, size: f.bytes.length, addedBy })
      .onConflictDoNothing();
    if (!out.some((o) => o.sha256 === sha256))
      out.push({ sha256, fileName: f.fileName, mediaType: f.mediaType, size: f.bytes.length });
  }
  return out;
}

/** Attachments named by hash (JSON API) must have been joined to this very invoice before. */
export async function requireInvoiceAttachments(
  deps: Pick<AppDeps, 'db'>,
  invoiceId: string,
  hashes: readonly string[],
): Promise<void> {
  for (const hash of hashes) {
    const [row] = SHA256.test(hash)
      ? await deps.db
          .select({ sha256: invoiceAttachments.sha256 })
          .from(invoiceAttachments)
          .where(and(eq(invoiceAttachments.invoiceId, invoiceId), eq(invoiceAttachments.sha256, hash)))
      : [];
    if (!row)
      throw new AppError(
        'UNKNOWN_ATTACHMENT',
        `Pièce jointe inconnue pour cette facture : ${hash}. Envoyez le fichier lui-même (formulaire multipart).`,
        422,
      );
  }
}

/** The names, types and sizes of the files joined to an invoice, by hash. */
export async function attachmentsOf(deps: Pick<AppDeps, 'db'>, invoiceId: string): Promise<AttachmentInfo[]> {
  return deps.db
    .select({
      sha256: invoiceAttachments.sha256,
      fileName: invoiceAttachments.fileName,
      mediaType: invoiceAttachments.mediaType,
      size: invoiceAttachments.size,
    })
    .from(invoiceAttachments)
    .where(eq(invoiceAttachments.invoiceId, invoiceId));
}

export interface AttachmentDocument extends AttachmentInfo {
  bytes: Uint8Array;
}

/**
 * One file of an invoice's events, for a party of the invoice or the operator (the same 404 for everyone else), and
 * only when an event of that invoice references it: a hash known from elsewhere opens nothing.
 */
export async function getInvoiceAttachment({
  ctx,
  input,
}: VerbCall<AppDeps, { invoiceId: string; sha256: string }>): Promise<AttachmentDocument> {
  const invoice = await findVisibleInvoice(ctx.deps, ctx.actor, input.invoiceId);
  if (!SHA256.test(input.sha256)) throw notFound('Pièce jointe');
  const [referenced] = await ctx.deps.db
    .select({ id: invoiceEvents.id })
    .from(invoiceEvents)
    .where(
      and(
        eq(invoiceEvents.invoiceId, invoice.id),
        sql`${invoiceEvents.data} @> jsonb_build_object('attachments', jsonb_build_array(${input.sha256}::text))`,
      ),
    )
    .limit(1);
  if (!referenced) throw notFound('Pièce jointe');
  const [named] = await ctx.deps.db
    .select()
    .from(invoiceAttachments)
    .where(and(eq(invoiceAttachments.invoiceId, invoice.id), eq(invoiceAttachments.sha256, input.sha256)));
  const blob = await databaseBlobStore(ctx.deps.db).get(input.sha256);
  if (!blob) throw notFound('Pièce jointe');
  return {
    sha256: blob.sha256,
    fileName: named?.fileName ?? `piece-jointe-${blob.sha256.slice(0, 8)}`,
    mediaType: named?.mediaType ?? blob.mediaType,
    size: blob.size,
    bytes: blob.bytes,
  };
}
