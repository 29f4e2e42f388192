// Writes the notifications of one invoice event: an in-app row for each structure of the other side, and an
// e-mail for each of its people in the outbox. Keyed by the event, so a retried call adds nothing.
import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { structures } from '../../../db/schema/directory.ts';
import {
  emailOutbox,
  invoiceEvents,
  invoices,
  notifications,
  type InvoiceStatus,
} from '../../../db/schema/invoices.ts';
import type { Role } from '../../platform/auth/index.ts';
import { canTransition } from '../domain/transitions.ts';
import type { LifecycleDeps } from '../lifecycle/record-transition.ts';
import { parisDay } from '../domain/payment-delay/paris-day.ts';
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

/** One notice to write: its key, its kind, its text and the sides it goes to. */
export interface PlannedNotice {
  eventKey: string;
  kind: string;
  message: Message;
  sides: Side[];
}

/** The invoice as a notification needs it. */
export type NotifiedInvoice = InvoiceFacts & { id: string; buyerId: string; supplierId: string };

/** The columns a notice needs of its invoice (select from `invoices` joined with its buyer in `structures`). */
export const NOTIFIED_INVOICE_COLUMNS = {
  id: invoices.id,
  number: invoices.number,
  supplierName: invoices.supplierName,
  supplierId: invoices.supplierId,
  buyerId: invoices.buyerId,
  buyerName: structures.name,
  amountDue: invoices.amountDue,
  currency: invoices.currency,
};

export async function notifyInvoice(deps: LifecycleDeps, notice: InvoiceNotice): Promise<NotifyResult> {
  return deps.db.transaction(async (tx) => {
    const eventKey = noticeKey(notice);
    const [invoice] = await tx
      .select(NOTIFIED_INVOICE_COLUMNS)
      .from(invoices)
      .innerJoin(structures, eq(structures.id, invoices.buyerId))
      .where(eq(invoices.id, notice.invoiceId));
    if (!invoice) return { eventKey, sides: [], emails: 0 };

    const planned = await plan(tx, notice, invoice);
    if (!planned || planned.sides.length === 0) return { eventKey, sides: [], emails: 0 };
    const emails = await writeNotices(tx, invoice, [{ eventKey, ...planned }]);
    return { eventKey, sides: planned.sides, emails: emails.length };
  });
}

/**
 * Writes notices of one invoice in three statements whatever their number: the in-app rows, one look-up of the
 * people of both sides, their e-mails. Keyed by event, so writing a notice twice adds nothing. Returns the event
 * key of each e-mail written.
 */
export async function writeNotices(tx: Db, invoice: NotifiedInvoice, notices: PlannedNotice[]): Promise<string[]> {
  const structureOf = (side: Side) => (side === 'buyer' ? invoice.buyerId : invoice.supplierId);
  const rows = notices.flatMap((n) =>
    n.sides.map((side) => ({
      structureId: structureOf(side),
      invoiceId: invoice.id,
      eventKey: n.eventKey,
      kind: n.kind,
      title: n.message.title,
      body: n.message.body,
    })),
  );
  if (rows.length === 0) return [];
  const sides = [...new Set(notices.flatMap((n) => n.sides))];
  // The insert and the select go out together (pipelined on the transaction's connection).
  const [, recipients] = await Promise.all([
    tx.insert(notifications).values(rows).onConflictDoNothing(),
    tx
      .selectDistinct({ structureId: roleGrants.structureId, role: roleGrants.role, email: people.email })
      .from(roleGrants)
      .innerJoin(people, eq(people.id, roleGrants.personId))
      .where(
        and(
          eq(people.active, true),
          or(
            ...sides.map((side) =>
              and(eq(roleGrants.structureId, structureOf(side)), eq(roleGrants.role, ROLE_OF_SIDE[side])),
            ),
          ),
        ),
      ),
  ]);
  const mails = notices.flatMap((n) =>
    n.sides.flatMap((side) =>
      recipients
        .filter((p) => p.structureId === structureOf(side) && p.role === ROLE_OF_SIDE[side])
        .map((p) => ({ eventKey: n.eventKey, toAddress: p.email, subject: n.message.title, body: n.message.body })),
    ),
  );
  if (mails.length === 0) return [];
  const inserted = await tx
    .insert(emailOutbox)
    .values(mails)
    .onConflictDoNothing()
    .returning({ eventKey: emailOutbox.eventKey });
  return inserted.map((r) => r.eventKey);
}

/** Who is told of a transition: the side that did not act (both when the platform made the invoice available). */
export function sidesToTell(from: InvoiceStatus, to: InvoiceStatus): Side[] {
  if (to === 'MISE_A_DISPOSITION') return ['buyer', 'supplier'];
  if (canTransition(from, to, 'accountant')) return ['supplier'];
  if (canTransition(from, to, 'supplier') && to !== 'DEPOSEE') return ['buyer'];
  return [];
}

/** The role whose people receive a side's e-mails. */
const ROLE_OF_SIDE: Record<Side, Role> = { buyer: 'accountant', supplier: 'supplier' };

async function plan(
  db: Db,
  notice: InvoiceNotice,
  invoice: InvoiceFacts,
): Promise<Omit<PlannedNotice, 'eventKey'> | undefined> {
  if (notice.kind === 'reminder') {
    return { kind: 'reminder', message: reminderMessage(invoice, notice.dueDate, notice.daysBefore), sides: ['buyer'] };
  }
  if (notice.kind === 'expired') {
    return { kind: 'expired', message: expiredMessage(invoice, notice.dueDate), sides: ['buyer', 'supplier'] };
  }
  const [event] = await db
    .select()
    .from(invoiceEvents)
    .where(and(eq(invoiceEvents.invoiceId, notice.invoiceId), eq(invoiceEvents.sequence, notice.sequence)));
  if (!event || !event.fromStatus) return undefined;
  const sides = sidesToTell(event.fromStatus, event.toStatus);
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
