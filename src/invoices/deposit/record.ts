// Writes a deposit: the refused ones as a `deposits` row; the accepted ones as invoice + first event + deposit
// in one short transaction. The lifecycle workflow is started after the commit (lifecycle/launch.ts).
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { deposits, invoiceEvents, invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import { recordAudit, type AuditActorRef } from '../../platform/audit/index.ts';
import { cleanAttachmentName, storeInvoiceAttachments } from '../attachments.ts';
import { invoiceAuditAction } from '../lifecycle/audit.ts';
import type { InvoiceRoute } from '../routing.ts';
import type { InvoiceEssentials } from './essentials.ts';
import { keepingColumns, keepRefusedOriginal, type OriginalKeeping, type RefusedOriginal } from './refused-quota.ts';
import { refusalDetailsOf, type DepositRefusal, type ReportedViolation } from './refusal.ts';

export type DepositChannel = (typeof deposits.$inferInsert)['channel'];

export interface DepositContext {
  supplierId: string;
  /** Who deposited, as the audit log names it. */
  auditActor: AuditActorRef;
  originalSha256: string;
  originalSize: number;
  fileName: string | null;
  channel: DepositChannel;
  actor: string;
  actorName: string;
  at: Date;
}

/** What every `deposits` row says of its attempt, accepted or refused. */
const depositColumns = (context: DepositContext) => ({
  supplierId: context.supplierId,
  originalSha256: context.originalSha256,
  originalSize: context.originalSize,
  fileName: context.fileName,
  channel: context.channel,
  depositedBy: context.actor,
  createdAt: context.at,
});

/** Records a refused attempt; its original is kept within the supplier's quota (refused-quota.ts). */
export async function recordRefusedDeposit(
  db: Db,
  context: DepositContext,
  refusal: DepositRefusal,
  original: RefusedOriginal,
): Promise<{ depositId: string; keeping: OriginalKeeping }> {
  return db.transaction(async (tx) => {
    const keeping = await keepRefusedOriginal(tx, context, original);
    const [row] = await tx
      .insert(deposits)
      .values({
        ...depositColumns(context),
        ...keepingColumns(keeping),
        outcome: 'refused',
        refusalCode: refusal.code,
        refusalMessage: refusal.message,
        violations: refusal.violations ?? null,
        refusalDetails: refusalDetailsOf(refusal),
      })
      .returning({ id: deposits.id });
    if (!row) throw new Error('insert into deposits returned no row');
    await recordAudit(tx, {
      actor: context.auditActor,
      action: 'deposit.refuse',
      subject: { type: 'deposit', id: row.id },
      structureId: context.supplierId,
      after: {
        code: refusal.code,
        fileName: context.fileName,
        channel: context.channel,
        originalSha256: context.originalSha256,
        originalKept: keeping.kept,
        violations: refusal.violations?.length ?? 0,
      },
    });
    return { depositId: row.id, keeping };
  });
}

export interface NewInvoice {
  essentials: InvoiceEssentials;
  syntax: (typeof invoices.$inferInsert)['syntax'];
  route: InvoiceRoute;
  warnings: ReportedViolation[];
  profile: string;
  workflowId: string;
  /** Documents embedded in the invoice (BG-24 BT-125), decoded: named on the deposit event. */
  attachments: readonly { bytes: Uint8Array; fileName: string; mediaType: string }[];
}

export type RecordOutcome =
  | { kind: 'accepted'; invoiceId: string; depositId: string; status: InvoiceStatus }
  | { kind: 'duplicate'; existingInvoiceId: string | undefined };

/**
 * Inserts the invoice unless its key (supplier, number, year) exists — `on conflict do nothing` on the unique
 * index, so two deposits of the same invoice at the same instant cannot both win — then its first event and
 * the deposit row.
 */
export async function recordAcceptedInvoice(
  db: Db,
  context: DepositContext,
  invoice: NewInvoice,
): Promise<RecordOutcome> {
  const invoiceId = randomUUID();
  const { essentials: e, route } = invoice;
  return db.transaction(async (tx): Promise<RecordOutcome> => {
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
    if (inserted.length === 0) {
      // The supplier re-sending an invoice it already deposited is told which one it is.
      const [existing] = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(
          and(eq(invoices.supplierId, context.supplierId), eq(invoices.number, e.number), eq(invoices.year, e.year)),
        );
      return { kind: 'duplicate', existingInvoiceId: existing?.id };
    }

    // The deposit row, the first event and the audit entry only need the invoice row: sent together, they are one
    // round trip (postgres.js pipelines the statements of a transaction issued before their answers).
    const depositId = randomUUID();
    const attachments = await storeInvoiceAttachments(tx, invoiceId, context.actor, invoice.attachments);
    await Promise.all([
      tx.insert(deposits).values({ ...depositColumns(context), id: depositId, outcome: 'accepted', invoiceId }),
      tx.insert(invoiceEvents).values({
        invoiceId,
        sequence: 1,
        fromStatus: null,
        toStatus: 'DEPOSEE',
        actor: context.actor,
        actorName: context.actorName,
        data: {
          depositId,
          channel: context.channel,
          fileName: context.fileName,
          ...(attachments.length > 0 ? { attachments: attachments.map((a) => a.sha256) } : {}),
        },
        occurredAt: context.at,
      }),
      recordAudit(tx, {
        actor: context.auditActor,
        action: invoiceAuditAction('DEPOSEE'),
        subject: { type: 'invoice', id: invoiceId },
        structureId: route.buyer.id,
        after: {
          status: 'DEPOSEE',
          sequence: 1,
          number: e.number,
          year: e.year,
          supplierId: context.supplierId,
          totalWithVat: e.totalWithVat,
          currency: e.currency,
          depositId,
          channel: context.channel,
          fileName: context.fileName,
          originalSha256: context.originalSha256,
        },
      }),
    ]);
    return { kind: 'accepted', invoiceId, depositId, status: 'DEPOSEE' };
  });
}

/** The documents embedded in an invoice (BG-24 with BT-125), decoded from base64. */
export function embeddedAttachments(
  documents: readonly { reference?: string; attachment?: { content: string; mimeCode?: string; filename?: string } }[],
): NewInvoice['attachments'] {
  return documents.flatMap((d, i) =>
    d.attachment?.content
      ? [
          {
            bytes: new Uint8Array(Buffer.from(d.attachment.content, 'base64')),
            fileName: cleanAttachmentName(d.attachment.filename ?? d.reference ?? `piece-jointe-${i + 1}`),
            mediaType: d.attachment.mimeCode ?? 'application/octet-stream',
          },
        ]
      : [],
  );
}
