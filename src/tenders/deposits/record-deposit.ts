// The deposit itself, once its files are sealed and stored and the END of its upload is known: the deposit row,
// the receipt with the five legal items time-stamped by the hub's authority, the files, their antivirus verdicts
// (and the quarantine of an infected one), the replacement of earlier deposits in time, and the audit. Shared by
// the one-request deposit and the finalisation of resumable uploads.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { tenderDepositFiles, tenderDeposits } from '../../../db/schema/tenders.ts';
import type { ScanVerdict } from '../../platform/antivirus/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Actor } from '../../platform/auth/index.ts';
import type { Db } from '../../../db/client.ts';
import type { ConsultationRow } from '../consultations/buyer-scope.ts';
import { buildReceipt, isLate, receiptBytes, type BidPart, type Receipt } from '../domain/index.ts';
import { keepVerdicts } from '../antivirus/keep-verdicts.ts';
import { tellQuarantine } from '../antivirus/tell-quarantine.ts';
import type { SealedFileKeys } from '../sealing/bid-cipher.ts';
import { sealSecret, type TenderDeps } from '../settings.ts';
import { timeStampAuthority } from '../timestamp/authority.ts';
import { partyOf } from './parties.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DepositedFile extends SealedFileKeys {
  part: BidPart;
  fileName: string;
  mediaType: string;
  storedFileId: string;
  /** 'aes-256-gcm' (one GCM stream) when absent. */
  cipher?: string;
}

export interface DepositRecord {
  consultation: ConsultationRow;
  lot: { id: string; number: number; title: string; deadline: Date };
  companyId: string;
  uploadStartedAt: Date;
  /** The END of the upload: the time of receipt, which alone decides lateness. */
  receivedAt: Date;
  files: DepositedFile[];
  scans: Promise<ScanVerdict>[];
  /** Runs in the deposit's transaction, once its id is known (resumable uploads mark their sessions). */
  inTransaction?: (tx: Tx, depositId: string) => Promise<void>;
}

export interface DepositBidResult {
  depositId: string;
  late: boolean;
  receivedAt: string;
  uploadStartedAt: string;
  receipt: Receipt;
}

export async function recordDeposit(deps: TenderDeps, actor: Actor, record: DepositRecord): Promise<DepositBidResult> {
  const { consultation, lot, companyId, uploadStartedAt, receivedAt, files } = record;
  const late = isLate(receivedAt, lot.deadline);
  const scans = await Promise.all(record.scans);
  const scannedAt = deps.clock.now();
  const [company, buyer] = await Promise.all([partyOf(deps.db, companyId), partyOf(deps.db, consultation.buyerId)]);
  const authority = await timeStampAuthority(deps.db, sealSecret(deps), receivedAt);
  return await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tenderDeposits)
      .values({
        consultationId: consultation.id,
        lotId: lot.id,
        companyId,
        uploadStartedAt,
        receivedAt,
        late,
        receiptJson: '',
        timeStampToken: '',
      })
      .returning({ id: tenderDeposits.id });
    const depositId = row!.id;
    await record.inTransaction?.(tx, depositId);
    const receipt = buildReceipt({
      depositId,
      company,
      buyer,
      consultation: {
        id: consultation.id,
        reference: consultation.reference,
        title: consultation.title,
        object: consultation.object,
        isTest: consultation.isTest,
      },
      lot: { number: lot.number, title: lot.title },
      uploadStartedAt,
      receivedAt,
      deadline: lot.deadline,
      files: files.map((f, i) => ({
        part: f.part,
        fileName: f.fileName,
        size: f.size,
        sha256: f.sha256,
        scan: scans[i]!,
      })),
    });
    const bytes = receiptBytes(receipt);
    const token = await authority.stamp(bytes, receivedAt);
    await tx
      .update(tenderDeposits)
      .set({ receiptJson: Buffer.from(bytes).toString('base64'), timeStampToken: token.toString('base64') })
      .where(eq(tenderDeposits.id, depositId));
    // Ids chosen here, so each verdict names its file whatever order the rows come back in.
    const fileIds = files.map(() => randomUUID());
    await tx.insert(tenderDepositFiles).values(
      files.map((f, i) => ({
        id: fileIds[i]!,
        depositId,
        part: f.part,
        fileName: f.fileName,
        mediaType: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        storedFileId: f.storedFileId,
        iv: f.iv,
        authTag: f.authTag,
        wrappedKey: f.wrappedKey,
        cipher: f.cipher ?? 'aes-256-gcm',
        scanVerdict: scans[i]!.result,
      })),
    );
    await keepVerdicts(
      tx,
      files.map((f, i) => ({
        consultationId: consultation.id,
        storedFileId: f.storedFileId,
        depositFileId: fileIds[i]!,
        fileName: f.fileName,
        stage: 'receipt',
        verdict: scans[i]!,
        scannedAt,
      })),
    );
    for (const [i, f] of files.entries())
      if (scans[i]!.result === 'infected')
        await recordAudit(tx, {
          actor,
          action: 'tender.file_quarantined',
          subject: { type: 'tender_deposit', id: depositId },
          structureId: consultation.buyerId,
          after: {
            fileId: fileIds[i]!,
            stage: 'receipt',
            fileName: f.fileName,
            sha256: f.sha256,
            signature: scans[i]!.signature,
            engine: scans[i]!.engine,
          },
        });
    await tellQuarantine(tx, actor, {
      id: depositId,
      consultationReference: consultation.reference,
      consultationTitle: consultation.title,
      warnings: receipt.avertissements,
    });
    let replaced = 0;
    if (!late) {
      const superseded = await tx
        .update(tenderDeposits)
        .set({ supersededAt: receivedAt })
        .where(
          and(
            eq(tenderDeposits.lotId, lot.id),
            eq(tenderDeposits.companyId, companyId),
            eq(tenderDeposits.late, false),
            isNull(tenderDeposits.supersededAt),
            ne(tenderDeposits.id, depositId),
          ),
        )
        .returning({ id: tenderDeposits.id });
      replaced = superseded.length;
    }
    await recordAudit(tx, {
      actor,
      action: 'tender.deposit',
      subject: { type: 'tender_deposit', id: depositId },
      structureId: consultation.buyerId,
      after: {
        consultationId: consultation.id,
        lot: lot.number,
        companyId,
        uploadStartedAt: uploadStartedAt.toISOString(),
        receivedAt: receivedAt.toISOString(),
        late,
        replaced,
        files: files.map((f, i) => ({ part: f.part, size: f.size, sha256: f.sha256, antivirus: scans[i]!.result })),
      },
    });
    return {
      depositId,
      late,
      receivedAt: receivedAt.toISOString(),
      uploadStartedAt: uploadStartedAt.toISOString(),
      receipt,
    };
  });
}
