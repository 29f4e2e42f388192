// Every way of reading a bid passes here: only an agent of the buyer, only once the deadline has passed by the
// hub's clock AND the workflow has released the key. A refused attempt is written to the audit log (in its own
// transaction, since the refusal rolls nothing else back) before the refusal is thrown.
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { loadConsultation, type ConsultationRow } from '../consultations/buyer-scope.ts';
import type { TenderDeps } from '../settings.ts';
import { eq } from 'drizzle-orm';
import { tenderLots } from '../../../db/schema/tenders.ts';

export async function guardOpening(
  deps: TenderDeps,
  actorInput: Actor | undefined,
  consultationId: string,
  attempt: string,
): Promise<{ actor: Actor; consultation: ConsultationRow }> {
  const actor = requireActorPresent(actorInput);
  const consultation = await loadConsultation(deps.db, consultationId);
  const refuse = async (reason: string, error: AppError): Promise<never> => {
    if (consultation)
      await recordAudit(deps.db, {
        actor,
        action: 'tender.open_refused',
        subject: { type: 'tender_consultation', id: consultation.id },
        structureId: consultation.buyerId,
        after: { attempt, reason, at: deps.clock.now().toISOString() },
      });
    throw error;
  };
  if (!consultation || consultation.status === 'draft') throw notFound('Consultation');
  if (!hasRole(actor, 'agent', consultation.buyerId)) return refuse('not_buyer_agent', notFound('Consultation'));
  const now = deps.clock.now();
  const lots = await deps.db
    .select({ deadline: tenderLots.deadline })
    .from(tenderLots)
    .where(eq(tenderLots.consultationId, consultation.id));
  const last = Math.max(...lots.map((l) => l.deadline.getTime()));
  if (now.getTime() <= last || consultation.keyReleasedAt === null)
    return refuse(
      now.getTime() <= last ? 'before_deadline' : 'key_not_released',
      new AppError(
        'OPENING_BEFORE_DEADLINE',
        now.getTime() <= last
          ? `Les plis ne peuvent être ouverts qu’après la date limite (${new Date(last).toISOString()}).`
          : 'La date limite est passée mais la clôture des dépôts n’est pas encore enregistrée : réessayez dans un instant.',
        409,
      ),
    );
  return { actor, consultation };
}
