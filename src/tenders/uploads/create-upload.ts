// A company opens a resumable upload of one bid file (tus creation): its START, the moment the deposit's upload
// starts for the receipt, is now. The file's data key is drawn at once and wrapped with the consultation's public
// key, as for a plain deposit; a copy sealed under the hub's seal secret lets a resumed upload re-hash and scan
// what it already stored, and is wiped once the deposit is made.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { tenderLots, tenderUploadSessions } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent, structuresWithRole } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { FILE_KINDS, formatSize } from '../../platform/files/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { loadConsultation } from '../consultations/buyer-scope.ts';
import { isBidPart, type BidPart } from '../domain/index.ts';
import { seal } from '../sealing/aead.ts';
import { newWrappedDataKey } from '../sealing/bid-cipher.ts';
import { sealSecret, type TenderDeps } from '../settings.ts';
import { MAX_UPLOAD_BYTES, UPLOAD_TTL_MS, uploadStatus, type UploadStatus } from './upload-session.ts';

export interface CreateUploadInput {
  consultationId: string;
  lotNumber: number;
  companyId?: string | undefined;
  part: string;
  fileName: string;
  mediaType: string;
  length: number;
}

export const dataKeyBinding = (sessionId: string): string => `tender-upload:${sessionId}`;

export async function createUpload({ ctx, input }: VerbCall<TenderDeps, CreateUploadInput>): Promise<UploadStatus> {
  const { deps } = ctx;
  const now = deps.clock.now();
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
  if (consultation.openedAt)
    throw new AppError(
      'CONSULTATION_OPENED',
      'Les plis de cette consultation ont été ouverts : plus aucun dépôt.',
      409,
    );
  if (!isBidPart(input.part))
    throw new AppError(
      'INVALID_UPLOAD_METADATA',
      `Partie du pli inconnue « ${input.part.slice(0, 40)} » (métadonnée « part ») : « candidature » ou « offre ».`,
      400,
    );
  const fileName = input.fileName.trim() || input.part;
  if (fileName.length > 255)
    throw new AppError('INVALID_UPLOAD_METADATA', 'Nom de fichier trop long (255 caractères au plus).', 400);
  if (!Number.isSafeInteger(input.length) || input.length < 1)
    throw new AppError('FILE_EMPTY', `Le fichier « ${fileName} » est vide : joignez un fichier non vide.`, 400);
  if (input.length > MAX_UPLOAD_BYTES)
    throw new AppError(
      'FILE_TOO_LARGE',
      `Le fichier « ${fileName} » dépasse la taille maximale d’${FILE_KINDS.bid.label} ` +
        `(${formatSize(FILE_KINDS.bid.maxBytes)}, chiffrement compris : ${MAX_UPLOAD_BYTES} octets).`,
      413,
    );

  const { dataKey, wrappedKey } = newWrappedDataKey(consultation.publicKeyPem);
  const id = randomUUID();
  const sealedDataKey = seal(sealSecret(deps), dataKeyBinding(id), dataKey);
  dataKey.fill(0);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tenderUploadSessions)
      .values({
        id,
        consultationId: consultation.id,
        lotId: lot.id,
        companyId,
        part: input.part as BidPart,
        fileName,
        mediaType: input.mediaType.trim().slice(0, 255) || 'application/octet-stream',
        length: input.length,
        wrappedKey,
        sealedDataKey,
        createdAt: now,
        expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'tender.upload_started',
      subject: { type: 'tender_upload', id },
      structureId: consultation.buyerId,
      after: { consultationId: consultation.id, lot: lot.number, companyId, part: input.part, length: input.length },
    });
    return uploadStatus(row!);
  });
}
