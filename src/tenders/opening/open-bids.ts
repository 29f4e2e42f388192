// Opening, by an agent of the buyer once the deadline passed: the consultation's private key is unsealed in memory,
// then every valid deposit's candidature files, and after them its offer files, are decrypted and checked (GCM tag
// and SHA-256 of the receipt). Late and replaced deposits stay sealed. Every file is scanned again on its way out
// of decryption (signatures may have been updated since receipt): the plaintext goes only to the antivirus. A file
// found infected, then or at receipt, is quarantined: not decrypted (again), not readable, reported to the buyer.
// Without an answer from the antivirus the opening is refused and nothing is opened: the buyer retries later.
// Each step is in the audit log.
import type { KeyObject } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  tenderAntivirusVerdicts,
  tenderConsultations,
  tenderDepositFiles,
  tenderDeposits,
  tenderLots,
} from '../../../db/schema/tenders.ts';
import type { Antivirus } from '../../platform/antivirus/index.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, RetryLaterError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { BID_PARTS } from '../domain/index.ts';
import { openSealedFile, unsealConsultationKey } from '../sealing/bid-cipher.ts';
import { keepVerdicts } from '../antivirus/keep-verdicts.ts';
import { sealSecret, tenderAntivirus, type TenderDeps } from '../settings.ts';
import type { ConsultationRow } from '../consultations/buyer-scope.ts';
import { guardOpening } from './opening-guard.ts';

export interface OpenedFileReport {
  fileId: string;
  part: string;
  fileName: string;
  size: number;
  /** null: quarantined, not decrypted. */
  intact: boolean | null;
  quarantined: boolean;
  /** The antivirus verdict before opening, in French. */
  antivirus: string;
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
  const antivirus = tenderAntivirus(deps);
  await antivirus.check().catch(async (error: unknown) => {
    await recordAudit(deps.db, {
      actor,
      action: 'tender.open_refused',
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      after: { attempt: 'open', reason: 'antivirus_unavailable', at: deps.clock.now().toISOString() },
    });
    throw error;
  });
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
      const report = await openOneFile(deps, actor, consultation, privateKey, antivirus, file);
      reports.set(file.depositId, [...(reports.get(file.depositId) ?? []), report]);
    }
  }
  const result: OpeningReport = { consultationId: consultation.id, openedAt: now.toISOString(), deposits: [] };
  await deps.db.transaction(async (tx) => {
    for (const { deposit, lot } of deposits) {
      const isValid = !deposit.late && deposit.supersededAt === null;
      const fileReports = reports.get(deposit.id) ?? [];
      // Quarantined files were not decrypted: the deposit's integrity is that of the others.
      const integrity = isValid ? (fileReports.every((f) => f.intact !== false) ? 'intact' : 'altere') : null;
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
        quarantined: result.deposits.flatMap((d) => d.files.filter((f) => f.quarantined).map((f) => f.fileId)),
      },
    });
  });
  return result;
}

type DepositFileRow = typeof tenderDepositFiles.$inferSelect;

const quarantinedReport = (file: DepositFileRow, part: string, antivirus: string): OpenedFileReport => ({
  fileId: file.id,
  part,
  fileName: file.fileName,
  size: file.size,
  intact: null,
  quarantined: true,
  antivirus,
  problem: `fichier infecté mis en quarantaine : il n’est pas ouvert (${antivirus})`,
});

/** One file: skipped if quarantined at receipt, else decrypted into the antivirus with its tag and hash checked. */
async function openOneFile(
  deps: TenderDeps,
  actor: Actor,
  consultation: ConsultationRow,
  privateKey: KeyObject,
  antivirus: Antivirus,
  file: DepositFileRow,
): Promise<OpenedFileReport> {
  const files = deps.files!;
  if (file.scanVerdict === 'infected') {
    const [kept] = await deps.db
      .select({ detail: tenderAntivirusVerdicts.detail })
      .from(tenderAntivirusVerdicts)
      .where(and(eq(tenderAntivirusVerdicts.depositFileId, file.id), eq(tenderAntivirusVerdicts.result, 'infected')))
      .orderBy(desc(tenderAntivirusVerdicts.scannedAt))
      .limit(1);
    return quarantinedReport(file, file.part, kept?.detail ?? 'infecté');
  }
  const opened = await files.get(file.storedFileId);
  const scan = antivirus.session();
  const check = opened
    ? await openSealedFile(privateKey, file, opened.stream, scan.sink)
    : { intact: false, reason: 'fichier chiffré introuvable dans le stockage' };
  // Nothing more will come (no stored file, an unreadable file key): the scan ends now rather than at its timeout.
  if (!scan.sink.writableEnded) scan.sink.destroy();
  const verdict = await scan.verdict;
  const scannedAt = deps.clock.now();
  const kept = {
    consultationId: consultation.id,
    storedFileId: file.storedFileId,
    depositFileId: file.id,
    fileName: file.fileName,
    stage: 'opening',
    verdict,
    scannedAt,
  } as const;
  // An intact file the antivirus could not judge stops the opening (done again once it answers).
  if (check.intact && verdict.result === 'failed') {
    await keepVerdicts(deps.db, [kept]);
    throw new RetryLaterError(
      'ANTIVIRUS_UNAVAILABLE',
      `L’analyse antivirus du fichier « ${file.fileName} » n’a pas abouti (${verdict.detail}) : ` +
        'l’ouverture est interrompue, aucun pli n’est ouvert, réessayez dans quelques minutes.',
      60,
    );
  }
  const infected = verdict.result === 'infected';
  const report: OpenedFileReport = infected
    ? quarantinedReport(file, file.part, verdict.detail)
    : {
        fileId: file.id,
        part: file.part,
        fileName: file.fileName,
        size: file.size,
        intact: check.intact,
        quarantined: false,
        antivirus: verdict.detail,
        ...(check.reason ? { problem: check.reason } : {}),
      };
  await deps.db.transaction(async (tx) => {
    await tx
      .update(tenderDepositFiles)
      .set({ integrity: check.intact ? 'intact' : 'altere', scanVerdict: verdict.result })
      .where(eq(tenderDepositFiles.id, file.id));
    await keepVerdicts(tx, [kept]);
    await recordAudit(tx, {
      actor,
      action: infected ? 'tender.file_quarantined' : check.intact ? 'tender.open_file' : 'tender.open_file_tampered',
      subject: { type: 'tender_deposit', id: file.depositId },
      structureId: consultation.buyerId,
      after: {
        fileId: file.id,
        part: file.part,
        sha256: file.sha256,
        intact: check.intact,
        problem: check.reason ?? null,
        antivirus: verdict.result,
        ...(infected ? { stage: 'opening', signature: verdict.signature, engine: verdict.engine } : {}),
      },
    });
  });
  return report;
}
