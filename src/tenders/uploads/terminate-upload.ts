// tus termination, and the purge of expired uploads: an upload not deposited is deleted with its sealed segments
// or its assembled ciphertext. A deposited upload stays (its file is the deposit's).
import { and, eq, isNull, lte } from 'drizzle-orm';
import { tenderUploadSegments, tenderUploadSessions } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { TenderDeps } from '../settings.ts';
import { uploadAlreadyDeposited } from './errors.ts';
import { forgetLive, liveUpload } from './live-uploads.ts';
import { loadOwnUpload, type UploadSessionRow } from './upload-session.ts';

export async function terminateUpload({ ctx, input }: VerbCall<TenderDeps, { uploadId: string }>): Promise<void> {
  const { deps } = ctx;
  const { actor, session } = await loadOwnUpload(deps, ctx.actor, input.uploadId);
  if (session.depositId) throw uploadAlreadyDeposited();
  const active = liveUpload(deps, session.id)?.active;
  if (active) {
    active.stop();
    await active.done.catch(() => undefined);
  }
  await removeUpload(deps, session);
  await recordAudit(deps.db, {
    actor,
    action: 'tender.upload_deleted',
    subject: { type: 'tender_upload', id: session.id },
    structureId: session.companyId,
    after: { storedBytes: session.storedBytes, length: session.length },
  });
}

/** Deletes the uploads expired before `now` that no deposit took (a bounded batch); returns how many. */
export async function purgeExpiredUploads(deps: TenderDeps, now: Date, limit = 100): Promise<number> {
  const expired = await deps.db
    .select()
    .from(tenderUploadSessions)
    .where(and(isNull(tenderUploadSessions.depositId), lte(tenderUploadSessions.expiresAt, now)))
    .limit(limit);
  for (const session of expired) await removeUpload(deps, session);
  return expired.length;
}

async function removeUpload(deps: TenderDeps, session: UploadSessionRow): Promise<void> {
  forgetLive(deps, session.id);
  const segments = await deps.db
    .delete(tenderUploadSegments)
    .where(eq(tenderUploadSegments.sessionId, session.id))
    .returning({ storedFileId: tenderUploadSegments.storedFileId });
  const removed = await deps.db
    .delete(tenderUploadSessions)
    .where(and(eq(tenderUploadSessions.id, session.id), isNull(tenderUploadSessions.depositId)))
    .returning({ storedFileId: tenderUploadSessions.storedFileId });
  const stored = [...segments.map((s) => s.storedFileId), ...removed.map((r) => r.storedFileId)];
  for (const id of stored) if (id) await deps.files?.delete(id).catch(() => undefined);
}
