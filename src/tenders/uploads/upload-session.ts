// An upload session as the company that owns it sees it: any other actor (another company, an agent) is told it
// does not exist, as for every hidden thing of the hub. Also what a tus client reads of it.
import { eq } from 'drizzle-orm';
import { tenderUploadSessions } from '../../../db/schema/tenders.ts';
import { hasRole, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { FILE_KINDS } from '../../platform/files/index.ts';
import { SEGMENT_BYTES, SEGMENT_OVERHEAD } from '../sealing/segment-cipher.ts';
import type { TenderDeps } from '../settings.ts';
import { uploadNotFound } from './errors.ts';

export type UploadSessionRow = typeof tenderUploadSessions.$inferSelect;

/** How long an unfinished upload is kept after its last activity (tus expiration). */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Requests that end inside a segment leave a short one: a file may have this many more segments than its size
 * needs, so that its stored ciphertext (every segment's overhead included) stays within the bid kind's cap.
 */
export const EXTRA_SEGMENTS = 64;
const segmentsFor = (length: number): number => Math.ceil(length / SEGMENT_BYTES) + EXTRA_SEGMENTS;
export const maxSegments = segmentsFor;

/** The largest plaintext a resumable upload takes: the bid cap less the sealing's overhead at its worst. */
export const MAX_UPLOAD_BYTES = FILE_KINDS.bid.maxBytes - segmentsFor(FILE_KINDS.bid.maxBytes) * SEGMENT_OVERHEAD;

export async function loadOwnUpload(
  deps: TenderDeps,
  actorOrNone: Actor | undefined,
  uploadId: string,
): Promise<{ actor: Actor; session: UploadSessionRow }> {
  const actor = requireActorPresent(actorOrNone);
  const session = /^[0-9a-f-]{36}$/i.test(uploadId)
    ? (await deps.db.select().from(tenderUploadSessions).where(eq(tenderUploadSessions.id, uploadId)))[0]
    : undefined;
  if (!session || !hasRole(actor, 'supplier', session.companyId)) throw uploadNotFound();
  return { actor, session };
}

export interface UploadStatus {
  id: string;
  part: string;
  fileName: string;
  mediaType: string;
  length: number;
  offset: number;
  complete: boolean;
  sha256: string | null;
  expiresAt: string;
  depositId: string | null;
}

export const uploadStatus = (s: UploadSessionRow): UploadStatus => ({
  id: s.id,
  part: s.part,
  fileName: s.fileName,
  mediaType: s.mediaType,
  length: s.length,
  offset: s.storedBytes,
  complete: s.completedAt !== null,
  sha256: s.sha256,
  expiresAt: s.expiresAt.toISOString(),
  depositId: s.depositId,
});
