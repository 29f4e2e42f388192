// An agent reads one file of an opened, valid deposit: decrypted as it streams out. Before the opening (or for a
// late deposit, or a file quarantined by the antivirus) the read is refused and audited, like every other attempt.
import { and, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { tenderDepositFiles, tenderDeposits } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { openSealedFile, unsealConsultationKey } from '../sealing/bid-cipher.ts';
import { sealSecret, type TenderDeps } from '../settings.ts';
import { guardOpening } from './opening-guard.ts';

export interface BidFileStream {
  fileName: string;
  mediaType: string;
  size: number;
  stream: Readable;
}

export async function readBidFile({
  ctx,
  input,
}: VerbCall<TenderDeps, { consultationId: string; depositId: string; fileId: string }>): Promise<BidFileStream> {
  const { deps } = ctx;
  const { actor, consultation } = await guardOpening(deps, ctx.actor, input.consultationId, 'read_file');
  const [row] = await deps.db
    .select({ file: tenderDepositFiles, deposit: tenderDeposits })
    .from(tenderDepositFiles)
    .innerJoin(tenderDeposits, eq(tenderDeposits.id, tenderDepositFiles.depositId))
    .where(
      and(
        eq(tenderDepositFiles.id, input.fileId),
        eq(tenderDeposits.id, input.depositId),
        eq(tenderDeposits.consultationId, consultation.id),
      ),
    );
  if (!row) throw notFound('Fichier');
  if (!row.deposit.openedAt) {
    await recordAudit(deps.db, {
      actor,
      action: 'tender.open_refused',
      subject: { type: 'tender_deposit', id: row.deposit.id },
      structureId: consultation.buyerId,
      after: { attempt: 'read_file', reason: row.deposit.late ? 'late_deposit' : 'not_opened', fileId: row.file.id },
    });
    throw new AppError(
      'DEPOSIT_NOT_OPENED',
      row.deposit.late
        ? 'Ce pli est arrivé hors délai : il reste scellé et n’est pas ouvert.'
        : 'Ce pli n’a pas été ouvert : ouvrez d’abord les plis de la consultation.',
      409,
    );
  }
  if (row.file.scanVerdict === 'infected') {
    await recordAudit(deps.db, {
      actor,
      action: 'tender.open_refused',
      subject: { type: 'tender_deposit', id: row.deposit.id },
      structureId: consultation.buyerId,
      after: { attempt: 'read_file', reason: 'quarantined', fileId: row.file.id },
    });
    throw new AppError(
      'FILE_QUARANTINED',
      `Le fichier « ${row.file.fileName} » est infecté : il est en quarantaine, scellé, et ne peut pas être lu.`,
      409,
    );
  }
  const opened = await deps.files?.get(row.file.storedFileId);
  if (!opened) throw notFound('Fichier');
  const privateKey = unsealConsultationKey(sealSecret(deps), consultation.id, consultation.sealedPrivateKey as string);
  await recordAudit(deps.db, {
    actor,
    action: 'tender.read_file',
    subject: { type: 'tender_deposit', id: row.deposit.id },
    structureId: consultation.buyerId,
    after: { fileId: row.file.id, part: row.file.part },
  });
  const out = new PassThrough();
  // An altered file fails its tag at the end: the stream then errors, the client sees a cut download.
  void openSealedFile(privateKey, row.file, opened.stream, out).then((check) => {
    if (!check.intact) out.destroy(new Error(check.reason));
  });
  return { fileName: row.file.fileName, mediaType: row.file.mediaType, size: row.file.size, stream: out };
}
