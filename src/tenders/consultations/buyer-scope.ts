// Who may act for a buyer: its agents. Operators read, never act. A consultation the actor may not see is a 404.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { tenderConsultations } from '../../../db/schema/tenders.ts';
import { hasRole, isOperator, requireActorPresent, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';

export type ConsultationRow = typeof tenderConsultations.$inferSelect;

/** The buyer the agent drafts for: the one named, or the only one it is agent of. */
export function chooseBuyer(actor: Actor | undefined, buyerId: string | undefined): { actor: Actor; buyerId: string } {
  const present = requireActorPresent(actor);
  const buyers = structuresWithRole(present, 'agent');
  if (buyerId) {
    if (!buyers.includes(buyerId)) throw forbidden('Vous n’êtes pas agent de cet acheteur.');
    return { actor: present, buyerId };
  }
  if (buyers.length !== 1)
    throw new AppError(
      'BUYER_REQUIRED',
      buyers.length === 0
        ? 'Seuls les agents d’une collectivité acheteuse peuvent rédiger une consultation.'
        : 'Vous êtes agent de plusieurs acheteurs : indiquez lequel (buyerId).',
      buyers.length === 0 ? 403 : 400,
    );
  return { actor: present, buyerId: buyers[0] as string };
}

export async function loadConsultation(db: Pick<Db, 'select'>, id: string): Promise<ConsultationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(tenderConsultations).where(eq(tenderConsultations.id, id));
  return row;
}

/** The consultation, for one of its buyer's agents (operators too when `operatorReads`); 404 otherwise. */
export async function consultationForAgent(
  db: Pick<Db, 'select'>,
  actor: Actor | undefined,
  id: string,
  options: { operatorReads?: boolean } = {},
): Promise<{ actor: Actor; consultation: ConsultationRow }> {
  const present = requireActorPresent(actor);
  const consultation = await loadConsultation(db, id);
  const allowed =
    consultation &&
    (hasRole(present, 'agent', consultation.buyerId) || (options.operatorReads === true && isOperator(present)));
  if (!consultation || !allowed) throw notFound('Consultation');
  return { actor: present, consultation };
}
