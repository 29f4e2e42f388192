// Files a supplier joins to an invoice typed in the form: stored by hash, and recorded as uploaded by that supplier,
// so that only its own files can be embedded in its invoices (a hash alone proves nothing).
import { and, eq, inArray } from 'drizzle-orm';
import { supplierUploads } from '../../../db/schema/invoices.ts';
import { looksLikePdf } from '../../../formats/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requireRole } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../attachments.ts';
import { actorRef } from '../deposit/actor-ref.ts';
import type { FormAttachment } from '../domain/invoice-form/form-data.ts';
import type { InvoiceDeps } from '../settings.ts';

/** What EN 16931 lets an invoice embed (BR-CL-24), by the file's extension. */
const EMBEDDABLE: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** The media type of an embeddable file, checked against its first bytes where the format has a signature. */
function mediaTypeOf(name: string, bytes: Uint8Array): string | null {
  const type = EMBEDDABLE[name.split('.').pop()?.toLowerCase() ?? ''];
  if (!type) return null;
  if (type === 'application/pdf' && !looksLikePdf(bytes)) return null;
  if (type === 'image/png' && !startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return null;
  if (type === 'image/jpeg' && !startsWith(bytes, [0xff, 0xd8, 0xff])) return null;
  if ((type.includes('sheet') || type.includes('spreadsheet')) && !startsWith(bytes, [0x50, 0x4b])) return null;
  return type;
}

const cleanName = (name: string): string =>
  (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-200) || 'piece-jointe';

export async function uploadFormAttachments({
  ctx,
  input,
}: VerbCall<InvoiceDeps, { supplierId: string; files: readonly File[]; already: number }>): Promise<FormAttachment[]> {
  const actor = requireRole(ctx.actor, 'supplier', input.supplierId);
  if (input.files.length + input.already > MAX_ATTACHMENTS)
    throw new AppError('TOO_MANY_ATTACHMENTS', `Au plus ${MAX_ATTACHMENTS} pièces jointes par facture.`, 400);
  const read: { name: string; bytes: Uint8Array; mediaType: string }[] = [];
  for (const file of input.files) {
    const name = cleanName(file.name);
    if (file.size > MAX_ATTACHMENT_BYTES)
      throw new AppError('FILE_TOO_LARGE', `Pièces jointes : « ${name} » dépasse 10 Mo.`, 413);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mediaType = mediaTypeOf(name, bytes);
    if (!mediaType)
      throw new AppError(
        'ATTACHMENT_TYPE',
        `Pièces jointes : « ${name} » n’est pas d’un type qu’une facture peut contenir (PDF, PNG, JPEG, CSV, XLSX ou ODS).`,
        415,
      );
    read.push({ name, bytes, mediaType });
  }
  const by = actorRef(actor).actor;
  return ctx.deps.db.transaction(async (tx) => {
    const store = databaseBlobStore(tx);
    const out: FormAttachment[] = [];
    for (const f of read) {
      const sha256 = await store.put(f.bytes, f.mediaType);
      await tx
        .insert(supplierUploads)
        .values({
          supplierId: input.supplierId,
          sha256,
          fileName: f.name,
          mediaType: f.mediaType,
          size: f.bytes.length,
          uploadedBy: by,
        })
        .onConflictDoNothing();
      out.push({ sha256, name: f.name, mediaType: f.mediaType, size: f.bytes.length });
    }
    await recordAudit(tx, {
      actor,
      action: 'invoice_form.upload',
      subject: { type: 'structure', id: input.supplierId },
      structureId: input.supplierId,
      after: { files: out },
    });
    return out;
  });
}

/** The content (base64) of the supplier's own uploads among `hashes`; others are simply absent. */
export async function ownUploadContents(
  deps: Pick<InvoiceDeps, 'db'>,
  supplierId: string,
  hashes: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (hashes.length === 0) return out;
  const owned = await deps.db
    .select({ sha256: supplierUploads.sha256 })
    .from(supplierUploads)
    .where(and(eq(supplierUploads.supplierId, supplierId), inArray(supplierUploads.sha256, [...hashes])));
  const store = databaseBlobStore(deps.db);
  for (const { sha256 } of owned) {
    const blob = await store.get(sha256);
    if (blob) out.set(sha256, Buffer.from(blob.bytes).toString('base64'));
  }
  return out;
}
