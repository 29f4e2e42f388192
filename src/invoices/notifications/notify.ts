// Writes the notifications of one invoice event: an in-app row for each structure of the other side, and an
// e-mail for each of its people in the outbox. Keyed by the event, so a retried call adds nothing.
import { and, eq } from 'drizzle-orm';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { structures } from '../../../db/schema/directory.ts';
import { emailOutbox, invoiceEvents, invoices, notifications } from '../../../db/schema/invoices.ts';
import type { Role } from '../../platform/auth/index.ts';
import { canTransition } from '../../../workflows/shared/invoice-transitions.ts';
import type { LifecycleDeps } from '../lifecycle/record-transition.ts';
import { parisDay } from '../payment-delay/paris-day.ts';
import { expiredMessage, reminderMessage, transitionMessage, type InvoiceFacts, type Message } from './messages.ts';

export type InvoiceNotice =
  | { kind: 'transition'; invoiceId: string; sequence: number }
  | { kind: 'reminder'; invoiceId: string; dueDate: string; daysBefore: number }
  | { kind: 'expired'; invoiceId: string; dueDate: string };

export type Side = 'buyer' | 'supplier';

export function noticeKey(notice: InvoiceNotice): string {
  switch (notice.kind) {
    case 'transition':
      return `invoice:${notice.invoiceId}:event:${notice.sequence}`;
    case 'reminder':
      return `invoice:${notice.invoiceId}:reminder:${notice.dueDate}:${notice.daysBefore}`;
    case 'expired':
      return `invoice:${notice.invoiceId}:expired:${notice.dueDate}`;
  }
}

export interface NotifyResult {
  eventKey: string;
  sides: Side[];
  emails: number;
}

interface Planned {
  kind: string;
  message: Message;
  sides: Side[];
}

export async function notifyInvoice(deps: LifecycleDeps, notice: InvoiceNotice): Promise<NotifyResult> {
  const eventKey = noticeKey(notice);
  const [invoice] = await deps.db
    .select({
      id: invoices.id,
      number: invoices.number,
      supplierName: invoices.supplierName,
      supplierId: invoices.supplierId,
      buyerId: invoices.buyerId,
      buyerName: structures.name,
      amountDue: invoices.amountDue,
      currency: invoices.currency,
    })
    .from(invoices)
    .innerJoin(structures, eq(structures.id, invoices.buyerId))
    .where(eq(invoices.id, notice.invoiceId));
  if (!invoice) return { eventKey, sides: [], emails: 0 };

  const planned = await plan(deps, notice, invoice);
  if (!planned || planned.sides.length === 0) return { eventKey, sides: [], emails: 0 };

  let emails = 0;
  await deps.db.transaction(async (tx) => {
    for (const side of planned.sides) {
      const structureId = side === 'buyer' ? invoice.buyerId : invoice.supplierId;
      const role: Role = side === 'buyer' ? 'accountant' : 'supplier';
      await tx
        .insert(notifications)
        .values({ structureId, invoiceId: invoice.id, eventKey, kind: planned.kind, title: planned.message.title, body: planned.message.body })
        .onConflictDoNothing();
      const recipients = await tx
        .selectDistinct({ email: people.email })
        .from(roleGrants)
        .innerJoin(people, eq(people.id, roleGrants.personId))
        .where(and(eq(roleGrants.structureId, structureId), eq(roleGrants.role, role), eq(people.active, true)));
      for (const { email } of recipients) {
        const inserted = await tx
          .insert(emailOutbox)
          .values({ eventKey, toAddress: email, subject: planned.message.title, body: planned.message.body })
          .onConflictDoNothing()
          .returning({ id: emailOutbox.id });
        emails += inserted.length;
      }
    }
  });
  return { eventKey, sides: planned.sides, emails };
}

/** Who is told what: the side that did not act (both when the platform made the invoice available). */
async function plan(deps: LifecycleDeps, notice: InvoiceNotice, invoice: InvoiceFacts): Promise<Planned | undefined> {
  if (notice.kind === 'reminder') {
    return { kind: 'reminder', message: reminderMessage(invoice, notice.dueDate, notice.daysBefore), sides: ['buyer'] };
  }
  if (notice.kind === 'expired') {
    return { kind: 'expired', message: expiredMessage(invoice, notice.dueDate), sides: ['buyer', 'supplier'] };
  }
  const [event] = await deps.db
    .select()
    .from(invoiceEvents)
    .where(and(eq(invoiceEvents.invoiceId, notice.invoiceId), eq(invoiceEvents.sequence, notice.sequence)));
  if (!event || !event.fromStatus) return undefined;
  const sides: Side[] =
    event.toStatus === 'MISE_A_DISPOSITION'
      ? ['buyer', 'supplier']
      : canTransition(event.fromStatus, event.toStatus, 'accountant')
        ? ['supplier']
        : canTransition(event.fromStatus, event.toStatus, 'supplier') && event.toStatus !== 'DEPOSEE'
          ? ['buyer']
          : [];
  const message = transitionMessage(invoice, {
    from: event.fromStatus,
    to: event.toStatus,
    actorName: event.actorName,
    on: parisDay(event.occurredAt).date,
    motive: event.motive,
    data: (event.data as Record<string, unknown> | null) ?? null,
  });
  return { kind: `status:${event.toStatus}`, message, sides };
}
