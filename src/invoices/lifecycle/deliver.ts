// DEPOSEE → EN_COURS_ACHEMINEMENT → MISE_A_DISPOSITION in one transaction, with the notifications of each event.
// The workflow runs it as one local activity: reaching the recipient costs one workflow task, not five activities,
// and four round trips, whatever the number of people to tell.
import { eq } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import { invoiceEvents, invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import { PLATFORM_ACTOR } from '../domain/contract.ts';
import { anchorClock, expiryInstant } from '../domain/payment-delay/payment-clock.ts';
import type { Mailer } from '../../platform/mail/smtp.ts';
import { transitionMessage } from '../notifications/messages.ts';
import {
  NOTIFIED_INVOICE_COLUMNS,
  noticeKey,
  sidesToTell,
  writeNotices,
  type PlannedNotice,
} from '../notifications/notify.ts';
import { unsentEmails } from '../notifications/send-emails.ts';
import { parisDay } from '../domain/payment-delay/paris-day.ts';
import { auditStatusChange } from './audit.ts';
import { receiptOf, type LifecycleDeps, type RecordedTransition } from './record-transition.ts';

export interface DeliveryInput {
  invoiceId: string;
  /** The legal clock starts on receipt: length of a day (ms) and the recipient's delay in days. */
  startClock: { dayMs: number; delayDays: number };
}

export interface Delivery {
  status: InvoiceStatus;
  /** Events recorded so far (the workflow's next sequence is this plus one). */
  sequence: number;
  buyerId: string;
  supplierId: string;
  /** When the invoice was made available: what anchors the legal clock. */
  receipt: RecordedTransition['receipt'];
  /** Event keys with e-mails waiting in the outbox that the mailer can send now (none without a mailer). */
  emailsToSend: string[];
}

export type DeliveryDeps = LifecycleDeps & { mailer?: Mailer | undefined };

/** What is left to record from each status on the way to the recipient. */
const STEPS_FROM: Partial<Record<InvoiceStatus, InvoiceStatus[]>> = {
  DEPOSEE: ['EN_COURS_ACHEMINEMENT', 'MISE_A_DISPOSITION'],
  EN_COURS_ACHEMINEMENT: ['MISE_A_DISPOSITION'],
};

/**
 * Moves a deposited (or re-routed) invoice to its recipient. Idempotent: a retry after a commit whose result was
 * lost finds the invoice made available and returns the same delivery. Null when the invoice row does not exist.
 */
export async function deliverToRecipient(deps: DeliveryDeps, input: DeliveryInput): Promise<Delivery | null> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        ...NOTIFIED_INVOICE_COLUMNS,
        status: invoices.status,
        eventCount: invoices.eventCount,
        madeAvailableAt: invoices.madeAvailableAt,
      })
      .from(invoices)
      .innerJoin(structures, eq(structures.id, invoices.buyerId))
      .where(eq(invoices.id, input.invoiceId))
      .for('update', { of: invoices });
    if (!row) return null;
    const delivery = (
      status: InvoiceStatus,
      sequence: number,
      receipt: Delivery['receipt'],
      emailsToSend: string[],
    ): Delivery => ({
      status,
      sequence,
      buyerId: row.buyerId,
      supplierId: row.supplierId,
      receipt,
      emailsToSend: deps.mailer ? [...new Set(emailsToSend)] : [],
    });

    const steps = STEPS_FROM[row.status];
    if (!steps) {
      // Already delivered: a retry after the commit. The receipt event's e-mails may still be unsent.
      const receiptKey = noticeKey({ kind: 'transition', invoiceId: row.id, sequence: row.eventCount });
      const unsent =
        row.status === 'MISE_A_DISPOSITION' && (await unsentEmails({ ...deps, db: tx }, receiptKey)) > 0
          ? [receiptKey]
          : [];
      return delivery(
        row.status,
        row.eventCount,
        row.status === 'MISE_A_DISPOSITION' ? receiptOf(row) : undefined,
        unsent,
      );
    }

    const now = deps.clock.now();
    const day = parisDay(now);
    const anchor = anchorClock(now.getTime(), day.msSinceMidnight, day.date, input.startClock.dayMs);
    const legalDueAt = new Date(expiryInstant(anchor, input.startClock.delayDays));
    let from = row.status;
    let sequence = row.eventCount;
    const events = steps.map((to) => {
      const event = {
        invoiceId: row.id,
        sequence: ++sequence,
        fromStatus: from,
        toStatus: to,
        ...PLATFORM_ACTOR,
        motive: null,
        data: to === 'MISE_A_DISPOSITION' ? { legalDueAt: legalDueAt.toISOString() } : null,
        occurredAt: now,
      };
      from = to;
      return event;
    });
    // Sent together on the transaction's connection (postgres.js pipelines them): one round trip, not four.
    await Promise.all([
      tx.insert(invoiceEvents).values(events),
      ...events.map((e) =>
        auditStatusChange(tx, {
          invoiceId: row.id,
          buyerId: row.buyerId,
          from: e.fromStatus,
          to: e.toStatus,
          actor: e.actor,
          actorName: e.actorName,
          sequence: e.sequence,
          data: e.data,
        }),
      ),
      tx
        .update(invoices)
        .set({
          status: 'MISE_A_DISPOSITION',
          statusChangedAt: now,
          eventCount: sequence,
          madeAvailableAt: now,
          legalDueAt,
        })
        .where(eq(invoices.id, row.id)),
    ]);

    const notices: PlannedNotice[] = events.map((e) => ({
      eventKey: noticeKey({ kind: 'transition', invoiceId: row.id, sequence: e.sequence }),
      kind: `status:${e.toStatus}`,
      message: transitionMessage(row, {
        from: e.fromStatus,
        to: e.toStatus,
        actorName: e.actorName,
        on: day.date,
        motive: null,
        data: e.data,
      }),
      sides: sidesToTell(e.fromStatus, e.toStatus),
    }));
    const emailed = await writeNotices(tx, row, notices);
    return delivery('MISE_A_DISPOSITION', sequence, receiptOf({ madeAvailableAt: now }), emailed);
  });
}
