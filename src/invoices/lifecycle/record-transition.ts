// Appends one status event and moves the invoice's current status, in one transaction, exactly once:
// the event takes the sequence the workflow assigned, so a retried call finds its own event and changes nothing.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { invoiceEvents, invoices, type InvoiceRow, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import type { AppDeps } from '../../platform/http.ts';
import { anchorClock, expiryInstant } from '../domain/payment-delay/payment-clock.ts';
import { computeLatePayment, type LatePayment } from '../domain/payment-delay/late-interest.ts';
import { parisDay } from '../domain/payment-delay/paris-day.ts';
import { auditStatusChange } from './audit.ts';

export type LifecycleDeps = Pick<AppDeps, 'db' | 'clock' | 'logger'>;

export interface NewRecipient {
  buyerId: string;
  buyerSiret: string;
  serviceId: string | null;
  serviceCode: string | null;
  engagementNumber: string | null;
}

export interface RecordTransitionInput {
  invoiceId: string;
  /** The event's sequence: the invoice's event count before it, plus one. */
  sequence: number;
  from: InvoiceStatus;
  to: InvoiceStatus;
  actor: string;
  actorName: string;
  motive?: string;
  data?: Record<string, unknown>;
  /** MISE_A_DISPOSITION: record the receipt instant and the due date of a delay of `delayDays`. */
  startClock?: { dayMs: number; delayDays: number };
  /** New legal due instant (epoch ms), or null while the delay is suspended. */
  legalDueAt?: number | null;
  mandateNumber?: string;
  /** MISE_EN_PAIEMENT: payment date and the legal due date it is compared with. */
  payment?: { paymentDate: string; dueDate: string };
  /** Back to DEPOSEE after a routing error: the corrected recipient. */
  recipient?: NewRecipient;
  /** The HTTP request behind the change, for the audit row (absent for the platform's own steps). */
  requestId?: string;
}

export interface RecordedTransition {
  sequence: number;
  status: InvoiceStatus;
  occurredAt: number;
  /** MISE_A_DISPOSITION: what anchors the legal clock. */
  receipt?: { madeAvailableAt: number; dayZero: string; msSinceMidnight: number };
  late?: LatePayment;
  /** The event already existed: this call was a retry. */
  replayed: boolean;
}

function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'SEQUENCE_CONFLICT', message, nonRetryable: true });
}

export function receiptOf(row: Pick<InvoiceRow, 'madeAvailableAt'>): RecordedTransition['receipt'] {
  if (!row.madeAvailableAt) return undefined;
  const day = parisDay(row.madeAvailableAt);
  return { madeAvailableAt: row.madeAvailableAt.getTime(), dayZero: day.date, msSinceMidnight: day.msSinceMidnight };
}

export async function recordTransition(deps: LifecycleDeps, input: RecordTransitionInput): Promise<RecordedTransition> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).for('update');
    if (!row)
      throw ApplicationFailure.create({
        type: 'INVOICE_NOT_FOUND',
        message: `Facture ${input.invoiceId} introuvable.`,
        nonRetryable: true,
      });

    if (row.eventCount >= input.sequence) {
      const [event] = await tx
        .select()
        .from(invoiceEvents)
        .where(and(eq(invoiceEvents.invoiceId, input.invoiceId), eq(invoiceEvents.sequence, input.sequence)));
      if (!event || event.toStatus !== input.to || event.fromStatus !== input.from) {
        throw conflict(`Event ${input.sequence} of invoice ${input.invoiceId} is not ${input.from} → ${input.to}.`);
      }
      const late =
        input.payment && row.lateDays !== null
          ? computeLatePayment({
              amountInclVat: row.amountDue,
              dueDate: input.payment.dueDate,
              paymentDate: input.payment.paymentDate,
            })
          : undefined;
      return {
        sequence: event.sequence,
        status: event.toStatus,
        occurredAt: event.occurredAt.getTime(),
        receipt: receiptOf(row),
        late,
        replayed: true,
      };
    }
    if (row.eventCount !== input.sequence - 1 || row.status !== input.from) {
      throw conflict(
        `Invoice ${input.invoiceId} is ${row.status} after ${row.eventCount} events, not ${input.from} after ${input.sequence - 1}.`,
      );
    }

    const now = deps.clock.now();
    const changes: Partial<typeof invoices.$inferInsert> = {
      status: input.to,
      statusChangedAt: now,
      eventCount: input.sequence,
    };
    const data: Record<string, unknown> = { ...input.data };
    if (input.motive !== undefined) changes.lastMotive = input.motive;
    if (input.legalDueAt !== undefined)
      changes.legalDueAt = input.legalDueAt === null ? null : new Date(input.legalDueAt);
    if (input.mandateNumber !== undefined) changes.mandateNumber = input.mandateNumber;

    let receipt: RecordedTransition['receipt'];
    if (input.startClock) {
      const day = parisDay(now);
      const anchor = anchorClock(now.getTime(), day.msSinceMidnight, day.date, input.startClock.dayMs);
      changes.madeAvailableAt = now;
      changes.legalDueAt = new Date(expiryInstant(anchor, input.startClock.delayDays));
      receipt = { madeAvailableAt: now.getTime(), dayZero: day.date, msSinceMidnight: day.msSinceMidnight };
      data.legalDueAt = changes.legalDueAt.toISOString();
    }

    let late: LatePayment | undefined;
    if (input.payment) {
      late = computeLatePayment({
        amountInclVat: row.amountDue,
        dueDate: input.payment.dueDate,
        paymentDate: input.payment.paymentDate,
      });
      changes.paidOn = input.payment.paymentDate;
      changes.lateDays = late.lateDays;
      changes.lateInterest = late.interest;
      changes.lateIndemnity = late.indemnity;
      Object.assign(data, { paymentDate: input.payment.paymentDate, dueDate: input.payment.dueDate, ...late });
      if (late.rateUnchecked)
        deps.logger.warn(
          { invoiceId: input.invoiceId, reference: late.rateReferenceDate },
          'ECB rate table not checked for this date',
        );
    }

    if (input.recipient) {
      Object.assign(changes, input.recipient, { madeAvailableAt: null, legalDueAt: null });
      data.recipient = input.recipient;
    }

    await tx.insert(invoiceEvents).values({
      invoiceId: input.invoiceId,
      sequence: input.sequence,
      fromStatus: input.from,
      toStatus: input.to,
      actor: input.actor,
      actorName: input.actorName,
      motive: input.motive ?? null,
      data: Object.keys(data).length > 0 ? data : null,
      occurredAt: now,
    });
    await tx.update(invoices).set(changes).where(eq(invoices.id, input.invoiceId));
    await auditStatusChange(tx, {
      invoiceId: input.invoiceId,
      buyerId: changes.buyerId ?? row.buyerId,
      from: input.from,
      to: input.to,
      actor: input.actor,
      actorName: input.actorName,
      sequence: input.sequence,
      motive: input.motive,
      data,
      requestId: input.requestId,
    });
    return { sequence: input.sequence, status: input.to, occurredAt: now.getTime(), receipt, late, replayed: false };
  });
}
