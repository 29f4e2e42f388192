// A company deposits its bid (pli) for a lot. The upload's start is taken before the body is read and its END once
// the last byte is stored: that end decides lateness, to the millisecond. A late deposit is kept, marked late and
// never opened as valid; a deposit in time replaces the company's previous ones for the lot (all kept). The
// receipt with the five legal items is time-stamped at once by the hub's authority. Each file's antivirus verdict
// is kept and written in the receipt; an infected file is quarantined (kept sealed, never opened) and the receipt
// tells the company so (and the depositing person by e-mail). A scan that could not be done leaves the deposit as
// it is: it is done again before opening.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { tenderDepositFiles, tenderDeposits, tenderLots } from '../../../db/schema/tenders.ts';
import type { Antivirus } from '../../platform/antivirus/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent, structuresWithRole } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { loadConsultation } from '../consultations/buyer-scope.ts';
import { buildReceipt, isLate, receiptBytes, type Receipt } from '../domain/index.ts';
import { keepVerdicts } from '../antivirus/keep-verdicts.ts';
import { tellQuarantine } from '../antivirus/tell-quarantine.ts';
import { sealSecret, tenderAntivirus, type TenderDeps } from '../settings.ts';
import { timeStampAuthority } from '../timestamp/authority.ts';
import { partyOf } from './parties.ts';
import type { ReceivedSealedFile } from './receive-sealed-files.ts';

export interface DepositBidInput {
  consultationId: string;
  lotNumber: number;
  /** The company depositing; the only one the actor is supplier of when absent. */
  companyId?: string;
  /**
   * Streams the body's files, sealed with the consultation's public key and scanned by `antivirus` on the way, and
   * resolves once the last is stored.
   */
  receive: (publicKeyPem: string, companyId: string, antivirus: Antivirus) => Promise<ReceivedSealedFile[]>;
}

export interface DepositBidResult {
  depositId: string;
  late: boolean;
  receivedAt: string;
  uploadStartedAt: string;
  receipt: Receipt;
}

export async function depositBid({ ctx, input }: VerbCall<TenderDeps, DepositBidInput>): Promise<DepositBidResult> {
  const { deps } = ctx;
  const uploadStartedAt = deps.clock.now();
  const actor = requireActorPresent(ctx.actor);
  const companies = structuresWithRole(actor, 'supplier');
  const companyId = input.companyId ?? (companies.length === 1 ? companies[0] : undefined);
  if (!companyId || !hasRole(actor, 'supplier', companyId))
    throw forbidden('Seule une entreprise (compte fournisseur) peut déposer un pli, pour elle-même.');
  const consultation = await loadConsultation(deps.db, input.consultationId);
  if (!consultation || consultation.status === 'draft' || !consultation.publicKeyPem) throw notFound('Consultation');
  const [lot] = await deps.db
    .select()
    .from(tenderLots)
    .where(and(eq(tenderLots.consultationId, consultation.id), eq(tenderLots.number, input.lotNumber)));
  if (!lot) throw notFound('Lot');
  // Deposits ending after the deadline are received and kept (ACH-05); only a consultation already opened refuses.
  if (consultation.openedAt)
    throw new AppError(
      'CONSULTATION_OPENED',
      'Les plis de cette consultation ont été ouverts : plus aucun dépôt.',
      409,
    );

  const files = await input.receive(consultation.publicKeyPem, companyId, tenderAntivirus(deps));
  const receivedAt = deps.clock.now();
  const late = isLate(receivedAt, lot.deadline);
  try {
    const scans = await Promise.all(files.map((f) => f.scan));
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
  } catch (error) {
    for (const f of files) await deps.files?.delete(f.storedFileId).catch(() => undefined);
    throw error;
  }
}
