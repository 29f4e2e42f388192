// The original file of one of the supplier's deposit attempts, accepted or refused: a refused original past the
// supplier's quota was not kept, which is told in French (404 ORIGINAL_NOT_KEPT) rather than failing.
import { eq } from 'drizzle-orm';
import { deposits } from '../../../db/schema/invoices.ts';
import { hasRole, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { originalNotKeptMessage } from '../deposit/refused-quota.ts';
import type { InvoiceDocument } from './documents.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getDepositOriginal(
  deps: AppDeps,
  actor: Actor | undefined,
  depositId: string,
): Promise<InvoiceDocument> {
  const present = requireActorPresent(actor);
  if (!UUID.test(depositId)) throw notFound('Dépôt');
  const [deposit] = await deps.db
    .select({
      supplierId: deposits.supplierId,
      sha256: deposits.keptOriginalSha256,
      reason: deposits.originalNotKeptReason,
      fileName: deposits.fileName,
    })
    .from(deposits)
    .where(eq(deposits.id, depositId));
  // Only the supplier's own deposits; another's gets the same 404 as one that does not exist.
  if (!deposit || !hasRole(present, 'supplier', deposit.supplierId)) throw notFound('Dépôt');
  if (deposit.sha256 === null) throw new AppError('ORIGINAL_NOT_KEPT', originalNotKeptMessage(deposit.reason), 404);
  const stored = await databaseBlobStore(deps.db).get(deposit.sha256);
  if (!stored) throw notFound('Document original');
  const extension = stored.mediaType === 'application/pdf' ? 'pdf' : 'xml';
  return {
    bytes: stored.bytes,
    mediaType: stored.mediaType,
    fileName: deposit.fileName ?? `depot-${depositId}.${extension}`,
  };
}
