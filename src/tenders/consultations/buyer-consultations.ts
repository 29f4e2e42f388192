// Lists behind the buyer's and the operator's pages: a buyer's consultations at every stage, and the consultations
// whose last deadline passed while their bids are still sealed (nobody opened them).
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import { tenderConsultations, tenderLots } from '../../../db/schema/tenders.ts';
import { isOperator, requireActorPresent, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { forbidden } from '../../platform/errors.ts';
import type { TenderDeps } from '../settings.ts';

export interface BuyerConsultationRow {
  id: string;
  reference: string;
  title: string;
  buyer: string;
  status: string;
  isTest: boolean;
  lots: number;
  lastDeadline: string;
}

const LIMIT = 200;

function listConsultations(deps: TenderDeps, where: ReturnType<typeof and>, order: 'recent' | 'deadline') {
  return deps.db
    .select({
      c: tenderConsultations,
      buyer: structures.name,
      lots: sql<number>`count(${tenderLots.id})::int`,
      lastDeadline: sql<Date>`max(${tenderLots.deadline})`,
    })
    .from(tenderConsultations)
    .innerJoin(structures, eq(structures.id, tenderConsultations.buyerId))
    .innerJoin(tenderLots, eq(tenderLots.consultationId, tenderConsultations.id))
    .where(where)
    .groupBy(tenderConsultations.id, structures.name)
    .orderBy(order === 'recent' ? desc(tenderConsultations.createdAt) : sql`max(${tenderLots.deadline})`)
    .limit(LIMIT)
    .then((rows) =>
      rows.map((r): BuyerConsultationRow => ({
        id: r.c.id,
        reference: r.c.reference,
        title: r.c.title,
        buyer: r.buyer,
        status: r.c.status,
        isTest: r.c.isTest,
        lots: r.lots,
        lastDeadline: new Date(r.lastDeadline).toISOString(),
      })),
    );
}

/** The consultations of the buyers the actor is agent of, newest first. */
export async function buyerConsultations(deps: TenderDeps, actorInput: Actor | undefined) {
  const buyers = structuresWithRole(requireActorPresent(actorInput), 'agent');
  if (buyers.length === 0) return [];
  return listConsultations(deps, inArray(tenderConsultations.buyerId, buyers), 'recent');
}

/** For the operator: published or closed consultations past their last deadline and not opened, oldest first. */
export async function consultationsAwaitingOpening(deps: TenderDeps, actorInput: Actor | undefined) {
  const actor = requireActorPresent(actorInput);
  if (!isOperator(actor)) throw forbidden('Liste réservée à l’opérateur du hub.');
  const now = deps.clock.now();
  const rows = await listConsultations(
    deps,
    and(inArray(tenderConsultations.status, ['published', 'closed']), isNull(tenderConsultations.openedAt)),
    'deadline',
  );
  return rows.filter((r) => Date.parse(r.lastDeadline) < now.getTime());
}
