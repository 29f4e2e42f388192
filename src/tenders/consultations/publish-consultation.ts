// Publication: the procedure's minimum delays and the 2026 thresholds are checked, the consultation's key pair is
// made (its private key sealed at once), and the consultation becomes visible. Its workflow starts after the commit.
import { and, eq } from 'drizzle-orm';
import { tenderConsultations, tenderLots } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { publicationProblems, type ContractNature, type Procedure } from '../domain/index.ts';
import { createConsultationKeys } from '../sealing/bid-cipher.ts';
import { sealSecret, type TenderDeps } from '../settings.ts';
import { startConsultationWorkflow } from '../workflow/start.ts';
import { consultationForAgent } from './buyer-scope.ts';

export async function publishConsultation({ ctx, input }: VerbCall<TenderDeps, { consultationId: string }>): Promise<{
  id: string;
  publishedAt: string;
  workflowStarted: boolean;
}> {
  const { deps } = ctx;
  const { actor, consultation } = await consultationForAgent(deps.db, ctx.actor, input.consultationId);
  if (consultation.status !== 'draft')
    throw new AppError('ALREADY_PUBLISHED', 'Cette consultation est déjà publiée.', 409);
  const lots = await deps.db.select().from(tenderLots).where(eq(tenderLots.consultationId, consultation.id));
  const now = deps.clock.now();
  const problems = publicationProblems(
    {
      procedure: consultation.procedure as Procedure,
      nature: consultation.nature as ContractNature,
      estimatedAmount: consultation.estimatedAmount,
      circumstances: {
        electronicSubmission: true,
        priorInformationNotice: consultation.priorInformationNotice,
        justifiedUrgency: consultation.justifiedUrgency,
      },
      lots: lots.map((l) => ({ number: l.number, deadline: l.deadline })),
      isTest: consultation.isTest,
    },
    now,
  );
  if (problems.length > 0)
    throw new AppError('PUBLICATION_REFUSED', problems.map((p) => p.message).join(' '), 422, { problems });

  const keys = createConsultationKeys(sealSecret(deps), consultation.id);
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(tenderConsultations)
      .set({ status: 'published', publishedAt: now, updatedAt: now, ...keys })
      .where(and(eq(tenderConsultations.id, consultation.id), eq(tenderConsultations.status, 'draft')))
      .returning({ id: tenderConsultations.id });
    if (updated.length === 0) throw new AppError('ALREADY_PUBLISHED', 'Cette consultation est déjà publiée.', 409);
    await recordAudit(tx, {
      actor,
      action: 'tender.publish',
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      before: { status: 'draft' },
      after: { status: 'published', deadlines: lots.map((l) => l.deadline.toISOString()) },
    });
  });
  const workflowStarted = await startConsultationWorkflow(deps, consultation.id);
  return { id: consultation.id, publishedAt: now.toISOString(), workflowStarted };
}
