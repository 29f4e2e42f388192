// A company deposits its bid (pli) for a lot. The upload's start is taken before the body is read and its END once
// the last byte is stored: that end decides lateness, to the millisecond. A late deposit is kept, marked late and
// never opened as valid; a deposit in time replaces the company's previous ones for the lot (all kept). The
// receipt with the five legal items is time-stamped at once by the hub's authority. Each file's antivirus verdict
// is kept and written in the receipt; an infected file is quarantined (kept sealed, never opened) and the receipt
// tells the company so (and the depositing person by e-mail). A scan that could not be done leaves the deposit as
// it is: it is done again before opening.
import { and, eq } from 'drizzle-orm';
import { tenderLots } from '../../../db/schema/tenders.ts';
import type { Antivirus } from '../../platform/antivirus/index.ts';
import { hasRole, requireActorPresent, structuresWithRole } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { loadConsultation } from '../consultations/buyer-scope.ts';
import { tenderAntivirus, type TenderDeps } from '../settings.ts';
import { recordDeposit, type DepositBidResult } from './record-deposit.ts';
import type { ReceivedSealedFile } from './receive-sealed-files.ts';

export type { DepositBidResult } from './record-deposit.ts';

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
  try {
    return await recordDeposit(deps, actor, {
      consultation,
      lot,
      companyId,
      uploadStartedAt,
      receivedAt,
      files,
      scans: files.map((f) => f.scan),
    });
  } catch (error) {
    for (const f of files) await deps.files?.delete(f.storedFileId).catch(() => undefined);
    throw error;
  }
}
