// A complete upload is settled once: its segments are assembled into one stored ciphertext (the deposit's file,
// read at opening as any other), and the antivirus verdict on its whole plaintext is kept. The verdict comes from
// the scan fed while the bytes arrived when it ran from the first byte to the last; else (the upload was resumed in
// another process, or that scan could not conclude) the file is decrypted from the store into the antivirus. Both
// happen after the END of the upload, which alone decides lateness. Idempotent: a settled upload is left as is.
import { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import { tenderUploadSegments, tenderUploadSessions } from '../../../db/schema/tenders.ts';
import type { ScanSession, ScanVerdict } from '../../platform/antivirus/index.ts';
import { AppError } from '../../platform/errors.ts';
import { unseal } from '../sealing/aead.ts';
import { openingSegments } from '../sealing/segment-cipher.ts';
import { sealSecret, tenderAntivirus, type TenderDeps } from '../settings.ts';
import { dataKeyBinding } from './create-upload.ts';
import { storedSegments } from './stored-segments.ts';
import type { UploadSessionRow } from './upload-session.ts';

export async function settleUpload(
  deps: TenderDeps,
  session: UploadSessionRow,
  liveScan?: ScanSession,
): Promise<UploadSessionRow> {
  const files = deps.files;
  if (!files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
  let row = session;
  if (!row.storedFileId) row = await assemble(deps, row);
  const kept = row.scanVerdict as ScanVerdict | null;
  if (kept && kept.result !== 'failed') return row;
  let verdict: ScanVerdict | undefined;
  if (liveScan && !row.resumed && !liveScan.sink.destroyed) {
    liveScan.sink.end();
    verdict = await liveScan.verdict;
  }
  if (!verdict || verdict.result === 'failed') verdict = await scanFromStore(deps, row);
  const [updated] = await deps.db
    .update(tenderUploadSessions)
    .set({ scanVerdict: verdict })
    .where(eq(tenderUploadSessions.id, row.id))
    .returning();
  return updated!;
}

async function assemble(deps: TenderDeps, session: UploadSessionRow): Promise<UploadSessionRow> {
  const files = deps.files!;
  const stored = await files.put(Readable.from(storedSegments(deps, files, session.id)), {
    kind: 'bid',
    mediaType: 'application/octet-stream',
    fileName: session.fileName,
    owningStructureId: session.companyId,
  });
  const pieces = await deps.db.transaction(async (tx) => {
    const set = await tx
      .update(tenderUploadSessions)
      .set({ storedFileId: stored.id })
      .where(and(eq(tenderUploadSessions.id, session.id), isNull(tenderUploadSessions.storedFileId)))
      .returning({ id: tenderUploadSessions.id });
    if (set.length === 0) return undefined;
    return tx
      .delete(tenderUploadSegments)
      .where(eq(tenderUploadSegments.sessionId, session.id))
      .returning({ storedFileId: tenderUploadSegments.storedFileId });
  });
  // Another request assembled it first: this copy goes.
  if (!pieces) await files.delete(stored.id).catch(() => undefined);
  else for (const piece of pieces) await files.delete(piece.storedFileId).catch(() => undefined);
  const [row] = await deps.db.select().from(tenderUploadSessions).where(eq(tenderUploadSessions.id, session.id));
  return row!;
}

/** The whole plaintext, decrypted from the store straight into the antivirus (never written anywhere). */
async function scanFromStore(deps: TenderDeps, session: UploadSessionRow): Promise<ScanVerdict> {
  const scan = tenderAntivirus(deps).session();
  const opened = await deps.files!.get(session.storedFileId!);
  if (!opened || !session.sealedDataKey) {
    scan.sink.destroy();
    return scan.verdict;
  }
  const dataKey = unseal(sealSecret(deps), dataKeyBinding(session.id), session.sealedDataKey);
  const plain = opened.stream.pipe(openingSegments(dataKey));
  dataKey.fill(0);
  plain.on('error', () => scan.sink.destroy());
  opened.stream.on('error', () => scan.sink.destroy());
  plain.pipe(scan.sink);
  return scan.verdict;
}
