// A PATCH of a resumable upload: the body is cut into segments of SEGMENT_BYTES, each sealed and stored as soon as
// it is full (a request ending inside a segment stores its short last segment). Upload-Offset is always the end of
// a stored segment: a connection broken in the middle loses at most the segment it was filling, whose clear bytes
// only ever lived in memory. The segment that completes the file is its END (the time of receipt); the file is then
// settled (assembled, scanned) before the answer.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { tenderConsultations, tenderUploadSegments, tenderUploadSessions } from '../../../db/schema/tenders.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { unseal } from '../sealing/aead.ts';
import { openingSegments, sealSegment, SEGMENT_BYTES } from '../sealing/segment-cipher.ts';
import { sealSecret, tenderAntivirus, type TenderDeps } from '../settings.ts';
import { dataKeyBinding } from './create-upload.ts';
import {
  lengthExceeded,
  offsetMismatch,
  uploadAlreadyDeposited,
  uploadConflict,
  uploadExpired,
  uploadNotFound,
} from './errors.ts';
import { forgetLive, keepLive, liveUpload, type LiveUpload } from './live-uploads.ts';
import { settleUpload } from './settle-upload.ts';
import { storedSegments } from './stored-segments.ts';
import {
  loadOwnUpload,
  maxSegments,
  UPLOAD_TTL_MS,
  uploadStatus,
  type UploadSessionRow,
  type UploadStatus,
} from './upload-session.ts';

export interface ReceiveChunkInput {
  uploadId: string;
  /** Upload-Offset as the client sent it. */
  offset: number;
  body: ReadableStream<Uint8Array> | null;
  /** Content-Length, when sent: a body ending short of it was cut (a broken connection may look like an end). */
  declaredLength?: number | undefined;
}

export async function receiveChunk({ ctx, input }: VerbCall<TenderDeps, ReceiveChunkInput>): Promise<UploadStatus> {
  const { deps } = ctx;
  const files = deps.files;
  if (!files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
  const { session: first } = await loadOwnUpload(deps, ctx.actor, input.uploadId);
  checkWritable(first, deps.clock.now());
  // A request still receiving this upload here (its client gave up on it) is stopped before this one goes on.
  const previous = liveUpload(deps, first.id)?.active;
  if (previous) {
    previous.stop();
    await previous.done.catch(() => undefined);
  }
  const session = await reload(deps, first.id);
  checkWritable(session, deps.clock.now());
  if (input.offset !== session.storedBytes) throw offsetMismatch(input.offset, session.storedBytes);
  const [consultation] = await deps.db
    .select({ openedAt: tenderConsultations.openedAt })
    .from(tenderConsultations)
    .where(eq(tenderConsultations.id, session.consultationId));
  if (consultation?.openedAt)
    throw new AppError(
      'CONSULTATION_OPENED',
      'Les plis de cette consultation ont été ouverts : plus aucun dépôt.',
      409,
    );
  if (session.completedAt) {
    await drain(input.body, session.length);
    return uploadStatus(session);
  }

  const dataKey = unseal(sealSecret(deps), dataKeyBinding(session.id), session.sealedDataKey!);
  let live = liveUpload(deps, session.id);
  if (!live || live.storedBytes !== session.storedBytes || live.segmentCount !== session.segmentCount) {
    forgetLive(deps, session.id);
    live = await resumeFromStore(deps, files, session, dataKey);
  }
  keepLive(deps, session.id, live);
  const receiving = receive(deps, files, session, live, dataKey, input.body, input.declaredLength);
  live.active = { stop: receiving.stop, done: receiving.done };
  try {
    await receiving.done;
  } finally {
    dataKey.fill(0);
    if (live.active?.done === receiving.done) delete live.active;
  }
  let row = await reload(deps, session.id);
  if (row.completedAt) {
    row = await settleUpload(deps, row, live.scan);
    forgetLive(deps, row.id);
  }
  return uploadStatus(row);
}

function checkWritable(session: UploadSessionRow, now: Date): void {
  if (session.depositId) throw uploadAlreadyDeposited();
  if (!session.sealedDataKey) throw uploadNotFound();
  if (!session.completedAt && session.expiresAt.getTime() <= now.getTime()) throw uploadExpired(session.expiresAt);
}

async function reload(deps: TenderDeps, id: string): Promise<UploadSessionRow> {
  const [row] = await deps.db.select().from(tenderUploadSessions).where(eq(tenderUploadSessions.id, id));
  if (!row) throw uploadNotFound();
  return row;
}

/** A PATCH after the end may carry nothing; anything more is past the declared length. */
async function drain(body: ReadableStream<Uint8Array> | null, length: number): Promise<void> {
  if (!body) return;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    if (chunk.byteLength > 0) throw lengthExceeded(length);
}

/** The state of an upload started elsewhere: its stored prefix decrypted again, only to hash it. */
async function resumeFromStore(
  deps: TenderDeps,
  files: FileStore,
  session: UploadSessionRow,
  dataKey: Buffer,
): Promise<LiveUpload> {
  const hash = createHash('sha256');
  if (session.segmentCount === 0)
    return { storedBytes: 0, segmentCount: 0, hash, scan: tenderAntivirus(deps).session() };
  const plain = Readable.from(storedSegments(deps, files, session.id)).pipe(openingSegments(dataKey, { final: false }));
  let size = 0;
  for await (const chunk of plain as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  if (size !== session.storedBytes)
    throw new AppError('UPLOAD_CORRUPTED', 'Les segments enregistrés de cet envoi sont incohérents.', 500);
  await deps.db.update(tenderUploadSessions).set({ resumed: true }).where(eq(tenderUploadSessions.id, session.id));
  return { storedBytes: session.storedBytes, segmentCount: session.segmentCount, hash, scan: undefined };
}

/** Reads the body into segments; `stop` ends it early (a newer request took over), as a conflict. */
function receive(
  deps: TenderDeps,
  files: FileStore,
  session: UploadSessionRow,
  live: LiveUpload,
  dataKey: Buffer,
  body: ReadableStream<Uint8Array> | null,
  declaredLength: number | undefined,
): { stop: () => void; done: Promise<void> } {
  const reader = body?.getReader();
  let stopped = false;
  const buffer = Buffer.allocUnsafe(SEGMENT_BYTES);
  let filled = 0;
  let received = 0;

  const commit = async (): Promise<void> => {
    const index = live.segmentCount;
    if (index + 1 > maxSegments(session.length))
      throw new AppError(
        'UPLOAD_TOO_FRAGMENTED',
        'Ce fichier a été envoyé en trop de morceaux : envoyez des morceaux multiples de 1 Mio.',
        400,
      );
    const plain = buffer.subarray(0, filled);
    const storedBytes = live.storedBytes + filled;
    const final = storedBytes === session.length;
    const framed = sealSegment(dataKey, index, final, plain);
    const next = live.hash.copy();
    next.update(plain);
    const stored = await files.put(Readable.from([framed]), {
      kind: 'bid',
      mediaType: 'application/octet-stream',
      fileName: `${session.fileName}.segment-${index}`,
      owningStructureId: session.companyId,
    });
    const now = deps.clock.now();
    const updated = await deps.db
      .transaction(async (tx) => {
        const rows = await tx
          .update(tenderUploadSessions)
          .set({
            storedBytes,
            segmentCount: index + 1,
            expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
            ...(final ? { completedAt: now, sha256: next.copy().digest('hex') } : {}),
          })
          .where(and(eq(tenderUploadSessions.id, session.id), eq(tenderUploadSessions.segmentCount, index)))
          .returning({ id: tenderUploadSessions.id });
        if (rows.length === 0) return false;
        await tx
          .insert(tenderUploadSegments)
          .values({ sessionId: session.id, index, plainSize: filled, storedFileId: stored.id });
        return true;
      })
      .catch(async (error: unknown) => {
        await files.delete(stored.id).catch(() => undefined);
        throw error;
      });
    if (!updated) {
      await files.delete(stored.id).catch(() => undefined);
      throw uploadConflict();
    }
    live.hash = next;
    live.storedBytes = storedBytes;
    live.segmentCount = index + 1;
    const sink = live.scan?.sink;
    if (sink && !sink.destroyed && !sink.writableEnded)
      await new Promise<void>((resolve) => sink.write(Buffer.from(plain), () => resolve()));
    filled = 0;
  };

  const done = (async () => {
    try {
      if (!reader) return;
      for (;;) {
        const { done: ended, value } = await reader.read();
        if (stopped) throw uploadConflict();
        if (ended) break;
        let chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
        received += chunk.length;
        if (live.storedBytes + filled + chunk.length > session.length) throw lengthExceeded(session.length);
        while (chunk.length > 0) {
          const take = Math.min(SEGMENT_BYTES - filled, chunk.length);
          chunk.copy(buffer, filled, 0, take);
          filled += take;
          chunk = chunk.subarray(take);
          if (filled === SEGMENT_BYTES) await commit();
        }
      }
      // Cut short of its Content-Length: the segment being filled is dropped, as for a broken connection.
      if (declaredLength !== undefined && received !== declaredLength) throw new Error('body cut short');
      if (filled > 0) await commit();
    } catch (error) {
      await reader?.cancel().catch(() => undefined);
      if (error instanceof AppError) throw error;
      throw new AppError(
        'UPLOAD_INTERRUPTED',
        `L’envoi a été interrompu : ${live.storedBytes} octets sont enregistrés, reprenez à partir de là.`,
        400,
        { offset: live.storedBytes },
      );
    } finally {
      buffer.fill(0);
    }
  })();
  return {
    stop: () => {
      stopped = true;
      void reader?.cancel().catch(() => undefined);
    },
    done,
  };
}
