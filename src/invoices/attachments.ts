// Attachments a supplier sends when completing a suspended invoice: stored like originals, by content hash.
import { databaseBlobStore } from '../platform/blob-store.ts';
import { AppError } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';

/** Chorus Pro: 10 MB per attachment. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

export async function storeAttachments(deps: Pick<AppDeps, 'db'>, files: readonly File[]): Promise<string[]> {
  if (files.length > MAX_ATTACHMENTS)
    throw new AppError('TOO_MANY_ATTACHMENTS', `Au plus ${MAX_ATTACHMENTS} pièces jointes par envoi.`, 400);
  const tooBig = files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
  if (tooBig) throw new AppError('FILE_TOO_LARGE', `La pièce jointe « ${tooBig.name} » dépasse 10 Mo.`, 413);
  const store = databaseBlobStore(deps.db);
  const hashes: string[] = [];
  for (const file of files)
    hashes.push(await store.put(new Uint8Array(await file.arrayBuffer()), file.type || 'application/octet-stream'));
  return hashes;
}

/** Attachments named by hash must already be stored. */
export async function requireStoredAttachments(deps: Pick<AppDeps, 'db'>, hashes: readonly string[]): Promise<void> {
  const store = databaseBlobStore(deps.db);
  for (const hash of hashes) {
    if (!(await store.has(hash)))
      throw new AppError('UNKNOWN_ATTACHMENT', `Pièce jointe inconnue : ${hash}. Envoyez le fichier lui-même.`, 422);
  }
}
