// Signature and notification of a lot's contract, not before the standstill's end (CCP R. 2182-1). The buyer
// uploads the signed contract (PDF, PAdES); its signatures are verified (SIG-05) and the file and the report kept
// whatever the decision; only an accepted contract notifies. Its essential data are published at notification
// (DECP export), well within the two months of R. 2196-1.
import { and, eq, isNull } from 'drizzle-orm';
import { tenderAwards, tenderConsultations, tenderContractSignatures, tenderLots } from '../../../db/schema/tenders.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { formatDateTime } from '../../web/format.ts';
import { consultationForAgent } from '../consultations/buyer-scope.ts';
import type { TenderDeps } from '../settings.ts';
import { trustAnchorsFromEnvironment } from '../signature/chain.ts';
import { verifyContractPdf, type SignatureReport } from '../signature/verify-contract.ts';

export interface NotifyContractInput {
  consultationId: string;
  lotNumber: number;
  /** The signed contract, already streamed into the file store. */
  fileId: string;
}

export interface NotifyContractResult {
  notifiedAt: string;
  allNotified: boolean;
  signatureId: string;
  report: SignatureReport;
}

/**
 * The award the notification is for, once the agent may notify it: its standstill is over and it is not notified
 * yet. Checked before the contract is received (and again by the verb).
 */
export async function notificationTarget(
  deps: TenderDeps,
  actor: Actor | undefined,
  input: { consultationId: string; lotNumber: number },
) {
  const scoped = await consultationForAgent(deps.db, actor, input.consultationId);
  const [row] = await deps.db
    .select({ award: tenderAwards })
    .from(tenderAwards)
    .innerJoin(tenderLots, eq(tenderLots.id, tenderAwards.lotId))
    .where(and(eq(tenderAwards.consultationId, scoped.consultation.id), eq(tenderLots.number, input.lotNumber)));
  if (!row) throw notFound('Attribution');
  const now = deps.clock.now();
  const ends = row.award.standstillEndsAt as Date;
  if (now.getTime() < ends.getTime())
    throw new AppError(
      'STANDSTILL_RUNNING',
      `Le délai de suspension court jusqu’au ${formatDateTime(ends)} (heure de Paris) : le marché ne peut être ` +
        'signé ni notifié avant.',
      409,
      { standstillEndsAt: ends.toISOString() },
    );
  if (row.award.notifiedAt) throw new AppError('ALREADY_NOTIFIED', 'Ce marché est déjà notifié.', 409);
  return { ...scoped, award: row.award, now };
}

export async function notifyContract({
  ctx,
  input,
}: VerbCall<TenderDeps, NotifyContractInput>): Promise<NotifyContractResult> {
  const { deps } = ctx;
  const { actor, consultation, award } = await notificationTarget(deps, ctx.actor, input);
  if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
  const report = await verifyContractPdf(deps.files, input.fileId, {
    now: deps.clock.now(),
    trustAnchorsPem: trustAnchorsFromEnvironment(),
  });
  const subject = { type: 'tender_consultation', id: consultation.id };
  const kept = {
    awardId: award.id,
    fileId: input.fileId,
    decision: report.decision,
    refusalReason: report.motifDuRefus?.raison ?? null,
    report,
    checkedAt: new Date(report.verifieLe),
  };
  if (report.motifDuRefus) {
    const [row] = await deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(tenderContractSignatures)
        .values(kept)
        .returning({ id: tenderContractSignatures.id });
      await recordAudit(tx, {
        actor,
        action: 'tender.contract_refused',
        subject,
        structureId: consultation.buyerId,
        after: { lot: input.lotNumber, signatureId: inserted[0]!.id, reason: report.motifDuRefus!.raison },
      });
      return inserted;
    });
    throw new AppError(
      'CONTRACT_SIGNATURE_INVALID',
      `Marché signé refusé : ${report.motifDuRefus.message} Le marché n’est pas notifié.`,
      422,
      { field: 'contrat', reason: report.motifDuRefus.raison, signatureId: row!.id, report },
    );
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(tenderAwards)
      .set({ signedAt: now, notifiedAt: now, decpPublishedAt: now })
      .where(and(eq(tenderAwards.id, award.id), isNull(tenderAwards.notifiedAt)))
      .returning({ id: tenderAwards.id });
    if (updated.length === 0) throw new AppError('ALREADY_NOTIFIED', 'Ce marché est déjà notifié.', 409);
    const [signature] = await tx
      .insert(tenderContractSignatures)
      .values(kept)
      .returning({ id: tenderContractSignatures.id });
    const pending = await tx
      .select({ id: tenderAwards.id })
      .from(tenderAwards)
      .where(and(eq(tenderAwards.consultationId, consultation.id), isNull(tenderAwards.notifiedAt)));
    const allNotified = pending.length === 0 && consultation.status === 'awarded';
    if (allNotified)
      await tx
        .update(tenderConsultations)
        .set({ status: 'notified', updatedAt: now })
        .where(eq(tenderConsultations.id, consultation.id));
    await recordAudit(tx, {
      actor,
      action: 'tender.notify',
      subject,
      structureId: consultation.buyerId,
      after: {
        lot: input.lotNumber,
        notifiedAt: now.toISOString(),
        signatureId: signature!.id,
        signers: report.signatures.map((s) => s.signataire),
        warnings: report.avertissements.length,
      },
    });
    return { notifiedAt: now.toISOString(), allNotified, signatureId: signature!.id, report };
  });
}

/** The kept verification reports of a consultation's contracts, the latest first per lot. */
export async function contractReports(deps: TenderDeps, consultationId: string) {
  const rows = await deps.db
    .select({
      lot: tenderLots.number,
      id: tenderContractSignatures.id,
      decision: tenderContractSignatures.decision,
      report: tenderContractSignatures.report,
      checkedAt: tenderContractSignatures.checkedAt,
    })
    .from(tenderContractSignatures)
    .innerJoin(tenderAwards, eq(tenderAwards.id, tenderContractSignatures.awardId))
    .innerJoin(tenderLots, eq(tenderLots.id, tenderAwards.lotId))
    .where(eq(tenderAwards.consultationId, consultationId));
  return rows
    .sort((a, b) => b.checkedAt.getTime() - a.checkedAt.getTime())
    .map((r) => ({ lot: r.lot, id: r.id, decision: r.decision, report: r.report as SignatureReport }));
}
