// A company turns its completed uploads into one deposit for a lot: exactly the deposit a one-request upload makes
// (receipt with the five legal items, SHA-256 and sizes, RFC 3161 token, e-mail on quarantine, replacement). Its
// START is the earliest upload's creation, its END the latest upload's last stored byte: a deposit whose last byte
// arrived after the deadline is kept and marked late. The same uploads finalised twice give the same deposit.
import { and, eq, inArray } from 'drizzle-orm';
import { tenderDeposits, tenderLots, tenderUploadSessions } from '../../../db/schema/tenders.ts';
import type { ScanVerdict } from '../../platform/antivirus/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { loadConsultation } from '../consultations/buyer-scope.ts';
import { getReceipt } from '../deposits/receipts.ts';
import { recordDeposit, type DepositBidResult } from '../deposits/record-deposit.ts';
import { SEGMENT_CIPHER } from '../sealing/segment-cipher.ts';
import type { TenderDeps } from '../settings.ts';
import { uploadAlreadyDeposited, uploadExpired, uploadIncomplete, uploadNotFound } from './errors.ts';
import { settleUpload } from './settle-upload.ts';

export interface FinaliseDepositInput {
  consultationId: string;
  lotNumber: number;
  uploadIds: string[];
}

const MAX_FILES = 50;

/** Thrown inside the transaction when another finalisation of the same uploads committed first. */
class AlreadyFinalised extends Error {
  constructor(readonly depositId: string) {
    super('already finalised');
  }
}

export async function finaliseDeposit({
  ctx,
  input,
}: VerbCall<TenderDeps, FinaliseDepositInput>): Promise<DepositBidResult & { alreadyDeposited: boolean }> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const ids = [...new Set(input.uploadIds)];
  if (ids.length === 0)
    throw new AppError('FILE_MISSING', 'Aucun fichier : joignez la candidature et/ou l’offre.', 400);
  if (ids.length > MAX_FILES) throw new AppError('INVALID_INPUT', `Un pli compte au plus ${MAX_FILES} fichiers.`, 400);
  if (ids.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) throw uploadNotFound();
  const consultation = await loadConsultation(deps.db, input.consultationId);
  if (!consultation || consultation.status === 'draft') throw notFound('Consultation');
  const [lot] = await deps.db
    .select()
    .from(tenderLots)
    .where(and(eq(tenderLots.consultationId, consultation.id), eq(tenderLots.number, input.lotNumber)));
  if (!lot) throw notFound('Lot');
  let sessions = await deps.db.select().from(tenderUploadSessions).where(inArray(tenderUploadSessions.id, ids));
  if (
    sessions.length !== ids.length ||
    sessions.some((s) => s.lotId !== lot.id || !hasRole(actor, 'supplier', s.companyId))
  )
    throw uploadNotFound();
  const companyId = sessions[0]!.companyId;
  if (sessions.some((s) => s.companyId !== companyId))
    throw new AppError('INVALID_INPUT', 'Les fichiers d’un pli sont ceux d’une seule entreprise.', 400);
  const deposited = new Set(sessions.map((s) => s.depositId));
  if (deposited.size === 1 && sessions[0]!.depositId) return again(deps, actor, sessions[0]!.depositId);
  if (sessions.some((s) => s.depositId)) throw uploadAlreadyDeposited();
  if (consultation.openedAt)
    throw new AppError(
      'CONSULTATION_OPENED',
      'Les plis de cette consultation ont été ouverts : plus aucun dépôt.',
      409,
    );
  const now = deps.clock.now();
  for (const s of sessions) {
    if (!s.completedAt) {
      if (s.expiresAt.getTime() <= now.getTime()) throw uploadExpired(s.expiresAt);
      throw uploadIncomplete(s.fileName, s.storedBytes, s.length);
    }
  }
  // Settled by the last request of each upload, unless it broke off in between.
  sessions = await Promise.all(sessions.map((s) => settleUpload(deps, s)));
  const uploadStartedAt = new Date(Math.min(...sessions.map((s) => s.createdAt.getTime())));
  const receivedAt = new Date(Math.max(...sessions.map((s) => s.completedAt!.getTime())));
  // Candidatures before offers, each part in the order of creation.
  sessions.sort((a, b) => a.part.localeCompare(b.part) || a.createdAt.getTime() - b.createdAt.getTime());
  try {
    const result = await recordDeposit(deps, actor, {
      consultation,
      lot,
      companyId,
      uploadStartedAt,
      receivedAt,
      files: sessions.map((s) => ({
        part: s.part,
        fileName: s.fileName,
        mediaType: s.mediaType,
        storedFileId: s.storedFileId!,
        size: s.length,
        sha256: s.sha256!,
        iv: '',
        authTag: '',
        wrappedKey: s.wrappedKey,
        cipher: SEGMENT_CIPHER,
      })),
      scans: sessions.map((s) => Promise.resolve(s.scanVerdict as ScanVerdict)),
      inTransaction: async (tx, depositId) => {
        const locked = await tx
          .select({ id: tenderUploadSessions.id, depositId: tenderUploadSessions.depositId })
          .from(tenderUploadSessions)
          .where(inArray(tenderUploadSessions.id, ids))
          .for('update');
        const taken = locked.find((s) => s.depositId);
        if (taken) throw new AlreadyFinalised(taken.depositId!);
        // The sealed copy of each data key goes: from now on only the consultation's private key opens the files.
        await tx
          .update(tenderUploadSessions)
          .set({ depositId, sealedDataKey: null })
          .where(inArray(tenderUploadSessions.id, ids));
      },
    });
    return { ...result, alreadyDeposited: false };
  } catch (error) {
    if (error instanceof AlreadyFinalised) return again(deps, actor, error.depositId);
    throw error;
  }
}

async function again(
  deps: TenderDeps,
  actor: Parameters<typeof getReceipt>[1],
  depositId: string,
): Promise<DepositBidResult & { alreadyDeposited: boolean }> {
  const [row] = await deps.db.select().from(tenderDeposits).where(eq(tenderDeposits.id, depositId));
  const { receipt } = await getReceipt(deps, actor, depositId);
  return {
    depositId,
    late: row!.late,
    receivedAt: row!.receivedAt.toISOString(),
    uploadStartedAt: row!.uploadStartedAt.toISOString(),
    receipt,
    alreadyDeposited: true,
  };
}
