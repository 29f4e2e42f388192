// What the workflow's activities do in the database: read the instants it waits for, close the lots whose deadline
// passed (and, once all are closed, release the consultation's key for opening), end the standstill.
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { tenderAwards, tenderConsultations, tenderLots } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/system-actor.ts';
import type { TenderSchedule } from '../domain/index.ts';
import type { TenderDeps } from '../settings.ts';

type Deps = Pick<TenderDeps, 'db' | 'clock'>;
const actor = systemActor('tender-consultation');

export async function readSchedule(deps: Deps, consultationId: string): Promise<TenderSchedule> {
  const [consultation] = await deps.db
    .select({ status: tenderConsultations.status })
    .from(tenderConsultations)
    .where(eq(tenderConsultations.id, consultationId));
  if (!consultation) throw new Error(`consultation ${consultationId} not found`);
  const open = await deps.db
    .select({ deadline: tenderLots.deadline })
    .from(tenderLots)
    .where(and(eq(tenderLots.consultationId, consultationId), isNull(tenderLots.closedAt)))
    .orderBy(asc(tenderLots.deadline));
  const lots = await deps.db
    .select({ id: tenderLots.id })
    .from(tenderLots)
    .where(eq(tenderLots.consultationId, consultationId));
  const awards = await deps.db
    .select({ standstillEndsAt: tenderAwards.standstillEndsAt })
    .from(tenderAwards)
    .where(eq(tenderAwards.consultationId, consultationId));
  const allAwarded = awards.length === lots.length && awards.every((a) => a.standstillEndsAt !== null);
  return {
    openDeadlines: open.map((l) => l.deadline.getTime()),
    standstillEndsAt: allAwarded ? Math.max(...awards.map((a) => (a.standstillEndsAt as Date).getTime())) : null,
    status: consultation.status,
  };
}

/**
 * Closes the lots whose deadline is past by the hub's clock (a timer that fired early on a skewed worker closes
 * nothing); when no lot is left open, the consultation is closed and its key released. Idempotent.
 */
export async function closeDueLots(deps: Deps, consultationId: string): Promise<{ closed: number; released: boolean }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const closed = await tx
      .update(tenderLots)
      .set({ closedAt: now })
      .where(
        and(eq(tenderLots.consultationId, consultationId), isNull(tenderLots.closedAt), lte(tenderLots.deadline, now)),
      )
      .returning({ id: tenderLots.id, number: tenderLots.number, deadline: tenderLots.deadline });
    const stillOpen = await tx
      .select({ id: tenderLots.id })
      .from(tenderLots)
      .where(and(eq(tenderLots.consultationId, consultationId), isNull(tenderLots.closedAt)));
    const [consultation] = await tx
      .select()
      .from(tenderConsultations)
      .where(eq(tenderConsultations.id, consultationId));
    if (!consultation) throw new Error(`consultation ${consultationId} not found`);
    for (const lot of closed)
      await recordAudit(tx, {
        actor,
        action: 'tender.lot_close',
        subject: { type: 'tender_consultation', id: consultationId },
        structureId: consultation.buyerId,
        after: { lot: lot.number, deadline: lot.deadline.toISOString(), closedAt: now.toISOString() },
      });
    let released = false;
    if (stillOpen.length === 0 && consultation.keyReleasedAt === null) {
      await tx
        .update(tenderConsultations)
        .set({ status: 'closed', closedAt: now, keyReleasedAt: now, updatedAt: now })
        .where(eq(tenderConsultations.id, consultationId));
      await recordAudit(tx, {
        actor,
        action: 'tender.key_release',
        subject: { type: 'tender_consultation', id: consultationId },
        structureId: consultation.buyerId,
        before: { status: consultation.status },
        after: { status: 'closed', keyReleasedAt: now.toISOString() },
      });
      released = true;
    }
    return { closed: closed.length, released };
  });
}

/** The standstill ended: the contracts may be signed and notified. Recorded once. */
export async function endStandstill(deps: Deps, consultationId: string): Promise<void> {
  const [consultation] = await deps.db
    .select()
    .from(tenderConsultations)
    .where(eq(tenderConsultations.id, consultationId));
  if (!consultation) return;
  await recordAudit(deps.db, {
    actor,
    action: 'tender.standstill_end',
    subject: { type: 'tender_consultation', id: consultationId },
    structureId: consultation.buyerId,
    after: { at: deps.clock.now().toISOString() },
  });
}
