// Writes a deposit: the refused ones as a `deposits` row; the accepted ones as invoice + first event + deposit
// in one transaction that also starts the lifecycle workflow, so a failed start leaves nothing half-stored.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db/client.ts';
import { deposits, invoiceEvents, invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import { INVOICE_WORKFLOW_TYPE, type InvoiceWorkflowInput, type PaymentTiming } from '../../../workflows/shared/invoice-contract.ts';
import type { InvoiceRoute } from '../routing.ts';
import type { InvoiceEssentials } from './essentials.ts';
import type { DepositRefusal, ReportedViolation } from './refusal.ts';

export type DepositChannel = (typeof deposits.$inferInsert)['channel'];

export interface DepositContext {
  supplierId: string;
  originalSha256: string;
  fileName: string | null;
  channel: DepositChannel;
  actor: string;
  actorName: string;
  at: Date;
}

export async function recordRefusedDeposit(db: Db, context: DepositContext, refusal: DepositRefusal): Promise<string> {
  const [row] = await db
    .insert(deposits)
    .values({
      supplierId: context.supplierId,
      originalSha256: context.originalSha256,
      fileName: context.fileName,
      channel: context.channel,
      outcome: 'refused',
      refusalCode: refusal.code,
      refusalMessage: refusal.message,
      violations: refusal.violations ?? null,
      depositedBy: context.actor,
      createdAt: context.at,
    })
    .returning({ id: deposits.id });
  if (!row) throw new Error('insert into deposits returned no row');
  return row.id;
}

export interface NewInvoice {
  essentials: InvoiceEssentials;
  syntax: (typeof invoices.$inferInsert)['syntax'];
  route: InvoiceRoute;
  warnings: ReportedViolation[];
  profile: string;
  workflowId: string;
  timing: PaymentTiming;
}

export interface WorkflowStarter {
  temporal: Client | undefined;
  taskQueue: string | undefined;
  timeoutMs: number;
}

export type RecordOutcome =
  | { kind: 'accepted'; invoiceId: string; depositId: string; status: InvoiceStatus }
  | { kind: 'duplicate' }
  | { kind: 'unavailable'; cause: unknown };

/** Thrown inside the transaction so that it rolls back; caught right outside it. */
class WorkflowStartFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('workflow start failed');
  }
}

/**
 * Inserts the invoice unless its key (supplier, number, year) exists — `on conflict do nothing` on the unique
 * index, so two deposits of the same invoice at the same instant cannot both win — then its first event and
 * the deposit row, then starts the workflow before committing.
 */
export async function recordAcceptedInvoice(db: Db, context: DepositContext, invoice: NewInvoice, starter: WorkflowStarter): Promise<RecordOutcome> {
  const invoiceId = randomUUID();
  const { essentials: e, route } = invoice;
  try {
    return await db.transaction(async (tx): Promise<RecordOutcome> => {
      const inserted = await tx
        .insert(invoices)
        .values({
          id: invoiceId,
          supplierId: context.supplierId,
          number: e.number,
          year: e.year,
          typeCode: e.typeCode,
          issueDate: e.issueDate,
          currency: e.currency,
          totalWithoutVat: e.totalWithoutVat,
          totalVat: e.totalVat,
          totalWithVat: e.totalWithVat,
          amountDue: e.amountDue,
          supplierName: e.supplierName,
          supplierIdentifier: e.supplierIdentifier,
          buyerId: route.buyer.id,
          buyerSiret: route.buyer.siret,
          serviceId: route.service?.id ?? null,
          serviceCode: route.serviceCode,
          engagementNumber: route.engagementNumber,
          status: 'DEPOSEE',
          statusChangedAt: context.at,
          eventCount: 1,
          syntax: invoice.syntax,
          originalSha256: context.originalSha256,
          validationReport: { profile: invoice.profile, violations: invoice.warnings },
          workflowId: invoice.workflowId,
          createdAt: context.at,
        })
        .onConflictDoNothing({ target: [invoices.supplierId, invoices.number, invoices.year] })
        .returning({ id: invoices.id });
      if (inserted.length === 0) return { kind: 'duplicate' };

      const [deposit] = await tx
        .insert(deposits)
        .values({
          supplierId: context.supplierId,
          originalSha256: context.originalSha256,
          fileName: context.fileName,
          channel: context.channel,
          outcome: 'accepted',
          invoiceId,
          depositedBy: context.actor,
          createdAt: context.at,
        })
        .returning({ id: deposits.id });
      if (!deposit) throw new Error('insert into deposits returned no row');
      await tx.insert(invoiceEvents).values({
        invoiceId,
        sequence: 1,
        fromStatus: null,
        toStatus: 'DEPOSEE',
        actor: context.actor,
        actorName: context.actorName,
        data: { depositId: deposit.id, channel: context.channel, fileName: context.fileName },
        occurredAt: context.at,
      });

      try {
        await startWorkflow(starter, invoice.workflowId, { invoiceId, timing: invoice.timing });
      } catch (error) {
        throw new WorkflowStartFailed(error);
      }
      return { kind: 'accepted', invoiceId, depositId: deposit.id, status: 'DEPOSEE' };
    });
  } catch (error) {
    if (error instanceof WorkflowStartFailed) return { kind: 'unavailable', cause: error.cause };
    throw error;
  }
}

async function startWorkflow(starter: WorkflowStarter, workflowId: string, input: InvoiceWorkflowInput): Promise<void> {
  const { temporal, taskQueue } = starter;
  if (!temporal || !taskQueue) throw new Error('no Temporal client or task queue configured');
  await temporal.connection.withDeadline(Date.now() + starter.timeoutMs, () =>
    temporal.workflow.start(INVOICE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [input],
      // Only a workflow whose deposit rolled back can hold this id while we hold the invoice key: replace it.
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    }),
  );
}
