// Signature and notification of a lot's contract, not before the standstill's end (CCP R. 2182-1). Its essential
// data are published at notification (DECP export), well within the two months of R. 2196-1.
import { and, eq, isNull } from 'drizzle-orm';
import { tenderAwards, tenderConsultations, tenderLots } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { consultationForAgent } from '../consultations/buyer-scope.ts';
import type { TenderDeps } from '../settings.ts';

export async function notifyContract({
  ctx,
  input,
}: VerbCall<TenderDeps, { consultationId: string; lotNumber: number }>): Promise<{
  notifiedAt: string;
  allNotified: boolean;
}> {
  const { deps } = ctx;
  const { actor, consultation } = await consultationForAgent(deps.db, ctx.actor, input.consultationId);
  const [row] = await deps.db
    .select({ award: tenderAwards })
    .from(tenderAwards)
    .innerJoin(tenderLots, eq(tenderLots.id, tenderAwards.lotId))
    .where(and(eq(tenderAwards.consultationId, consultation.id), eq(tenderLots.number, input.lotNumber)));
  if (!row) throw notFound('Attribution');
  const now = deps.clock.now();
  const ends = row.award.standstillEndsAt as Date;
  if (now.getTime() < ends.getTime())
    throw new AppError(
      'STANDSTILL_RUNNING',
      `Le délai de suspension court jusqu’au ${ends.toISOString()} : le marché ne peut être signé ni notifié avant.`,
      409,
      { standstillEndsAt: ends.toISOString() },
    );
  return deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(tenderAwards)
      .set({ signedAt: now, notifiedAt: now, decpPublishedAt: now })
      .where(and(eq(tenderAwards.id, row.award.id), isNull(tenderAwards.notifiedAt)))
      .returning({ id: tenderAwards.id });
    if (updated.length === 0) throw new AppError('ALREADY_NOTIFIED', 'Ce marché est déjà notifié.', 409);
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
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      after: { lot: input.lotNumber, notifiedAt: now.toISOString() },
    });
    return { notifiedAt: now.toISOString(), allNotified };
  });
}
