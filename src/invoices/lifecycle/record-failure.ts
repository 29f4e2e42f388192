// A transition the database refused is written to the audit log, where the operator's journal shows it with the
// invoice, its recipient and the reason: the attempt ended, nothing is retried behind anyone's back.
import { eq } from 'drizzle-orm';
import { invoices } from '../../../db/schema/invoices.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { BadData } from '../../platform/temporal/failure-class.ts';
import { auditActorOfEvent } from './audit.ts';
import type { LifecycleDeps, RecordTransitionInput } from './record-transition.ts';

export async function recordRefusedTransition(
  deps: LifecycleDeps,
  input: RecordTransitionInput,
  reason: BadData,
): Promise<void> {
  const [row] = await deps.db
    .select({ buyerId: invoices.buyerId })
    .from(invoices)
    .where(eq(invoices.id, input.invoiceId));
  await recordAudit(deps.db, {
    actor: auditActorOfEvent(input.actor, input.actorName),
    action: 'invoice.transition_refused',
    subject: { type: 'invoice', id: input.invoiceId },
    structureId: row?.buyerId ?? null,
    before: { status: input.from },
    after: { status: input.to, sequence: input.sequence, code: reason.code, reason: reason.message },
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
  });
  deps.logger.warn({ invoiceId: input.invoiceId, to: input.to, code: reason.code }, 'invoice transition refused');
}
