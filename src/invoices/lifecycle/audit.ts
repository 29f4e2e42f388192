// The audit rows of an invoice's life: its deposit and each status change, written in the transaction that makes it.
import { recordAudit, type AuditActorRef, type AuditWriter } from '../../platform/audit/index.ts';
import type { InvoiceStatus } from '../domain/statuses.ts';

/** The job that moves invoices on its own (routing, delivery); named like the other system actors. */
export const LIFECYCLE_SYSTEM_NAME = 'invoice-lifecycle';

/**
 * Events name who acted as `person:<uuid>`, `client:<id>`, `system:<job>` or `system` (the platform itself);
 * the audit log wants the same actor as kind, id and label.
 */
export function auditActorOfEvent(actor: string, actorName: string): AuditActorRef {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const id = colon < 0 ? '' : actor.slice(colon + 1);
  if (kind === 'person' || kind === 'client') return { kind, id, label: actorName };
  return { kind: 'system', id: id || LIFECYCLE_SYSTEM_NAME, label: actorName };
}

/** `invoice.deposee`, `invoice.service_fait`…: the status reached names the action, as in Chorus Pro. */
export function invoiceAuditAction(to: InvoiceStatus): string {
  return `invoice.${to.toLowerCase()}`;
}

export interface InvoiceStatusChange {
  invoiceId: string;
  buyerId: string;
  from: InvoiceStatus | null;
  to: InvoiceStatus;
  actor: string;
  actorName: string;
  sequence: number;
  motive?: string | null | undefined;
  data?: Record<string, unknown> | null | undefined;
  requestId?: string | undefined;
}

export async function auditStatusChange(tx: AuditWriter, change: InvoiceStatusChange): Promise<void> {
  await recordAudit(tx, {
    actor: auditActorOfEvent(change.actor, change.actorName),
    action: invoiceAuditAction(change.to),
    subject: { type: 'invoice', id: change.invoiceId },
    // The recipient owns the invoice in the directory's sense: its operator and accountants search by it.
    structureId: change.buyerId,
    before: change.from === null ? null : { status: change.from },
    after: {
      status: change.to,
      sequence: change.sequence,
      ...(change.motive ? { motive: change.motive } : {}),
      ...(change.data && Object.keys(change.data).length > 0 ? { data: change.data } : {}),
    },
    requestId: change.requestId,
  });
}
