// Opening, by an agent of the buyer once the deadline passed: the consultation's private key is unsealed in memory,
// then every valid deposit's candidature files, and after them its offer files, are decrypted and checked (GCM tag
// and SHA-256 of the receipt). Late and replaced deposits stay sealed. Each step is in the audit log.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { tenderConsultations, tenderDepositFiles, tenderDeposits, tenderLots } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { BID_PARTS } from '../domain/index.ts';
import { openSealedFile, unsealConsultationKey } from '../sealing/bid-cipher.ts';
import { sealSecret, type TenderDeps } from '../settings.ts';
import { guardOpening } from './opening-guard.ts';

export interface OpenedFileReport {
  fileId: string;
  part: string;
  fileName: string;
  size: number;
  intact: boolean;
  problem?: string;
}

export interface OpeningReport {
  consultationId: string;
  openedAt: string;
  deposits: {
    depositId: string;
    lot: number;
    companyId: string;
    status: 'ouvert' | 'hors_delai' | 'remplace';
    integrity: 'intact' | 'altere' | null;
    files: OpenedFileReport[];
  }[];
}

export async function openBids({
  ctx,
  input,
}: VerbCall<TenderDeps, { consultationId: string }>): Promise<OpeningReport> {
  const { deps } = ctx;
  const { actor, consultation } = await guardOpening(deps, ctx.actor, input.consultationId, 'open');
  if (consultation.openedAt)
    throw new AppError('ALREADY_OPENED', 'Les plis de cette consultation sont déjà ouverts.', 409);
  if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
  const privateKey = unsealConsultationKey(sealSecret(deps), consultation.id, consultation.sealedPrivateKey as string);
  const now = deps.clock.now();
  const deposits = await deps.db
    .select({ deposit: tenderDeposits, lot: tenderLots.number })
    .from(tenderDeposits)
    .innerJoin(tenderLots, eq(tenderLots.id, tenderDeposits.lotId))
    .where(eq(tenderDeposits.consultationId, consultation.id))
    .orderBy(asc(tenderLots.number), asc(tenderDeposits.receivedAt));
  const valid = deposits.filter((d) => !d.deposit.late && d.deposit.supersededAt === null);
  const files = valid.length
    ? await deps.db
        .select()
        .from(tenderDepositFiles)
        .where(
          inArray(
            tenderDepositFiles.depositId,
            valid.map((d) => d.deposit.id),
          ),
        )
    : [];
  const reports = new Map<string, OpenedFileReport[]>();
  // Candidatures first, then offers (the order of the law's opening).
  for (const part of BID_PARTS) {
    for (const file of files.filter((f) => f.part === part)) {
      const opened = await deps.files.get(file.storedFileId);
      const check = opened
        ? await openSealedFile(privateKey, file, opened.stream)
        : { intact: false, reason: 'fichier chiffré introuvable dans le stockage' };
      const report: OpenedFileReport = {
        fileId: file.id,
        part,
        fileName: file.fileName,
        size: file.size,
        intact: check.intact,
        ...(check.reason ? { problem: check.reason } : {}),
      };
      reports.set(file.depositId, [...(reports.get(file.depositId) ?? []), report]);
      await deps.db.transaction(async (tx) => {
        await tx
          .update(tenderDepositFiles)
          .set({ integrity: check.intact ? 'intact' : 'altere' })
          .where(eq(tenderDepositFiles.id, file.id));
        await recordAudit(tx, {
          actor,
          action: check.intact ? 'tender.open_file' : 'tender.open_file_tampered',
          subject: { type: 'tender_deposit', id: file.depositId },
          structureId: consultation.buyerId,
          after: { fileId: file.id, part, sha256: file.sha256, intact: check.intact, problem: check.reason ?? null },
        });
      });
    }
  }
  const result: OpeningReport = { consultationId: consultation.id, openedAt: now.toISOString(), deposits: [] };
  await deps.db.transaction(async (tx) => {
    for (const { deposit, lot } of deposits) {
      const isValid = !deposit.late && deposit.supersededAt === null;
      const fileReports = reports.get(deposit.id) ?? [];
      const integrity = isValid ? (fileReports.every((f) => f.intact) ? 'intact' : 'altere') : null;
      if (isValid)
        await tx.update(tenderDeposits).set({ openedAt: now, integrity }).where(eq(tenderDeposits.id, deposit.id));
      result.deposits.push({
        depositId: deposit.id,
        lot,
        companyId: deposit.companyId,
        status: deposit.late ? 'hors_delai' : deposit.supersededAt ? 'remplace' : 'ouvert',
        integrity,
        files: fileReports,
      });
    }
    const updated = await tx
      .update(tenderConsultations)
      .set({ status: 'opened', openedAt: now, updatedAt: now })
      .where(and(eq(tenderConsultations.id, consultation.id), eq(tenderConsultations.status, 'closed')))
      .returning({ id: tenderConsultations.id });
    if (updated.length === 0)
      throw new AppError('ALREADY_OPENED', 'Les plis de cette consultation sont déjà ouverts.', 409);
    await recordAudit(tx, {
      actor,
      action: 'tender.open',
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      before: { status: 'closed' },
      after: {
        status: 'opened',
        opened: result.deposits.filter((d) => d.status === 'ouvert').length,
        late: result.deposits.filter((d) => d.status === 'hors_delai').length,
        tampered: result.deposits.filter((d) => d.integrity === 'altere').map((d) => d.depositId),
      },
    });
  });
  return result;
}
