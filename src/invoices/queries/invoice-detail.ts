// An invoice as both sides see it: its facts, routing, legal payment clock, validation report and events.
import { and, asc, eq } from 'drizzle-orm';
import { services, structures } from '../../../db/schema/directory.ts';
import { deposits, invoiceEvents, type InvoiceEventRow, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import type { Actor } from '../../platform/auth/index.ts';
import type { AppDeps } from '../../platform/http.ts';
import { attachmentsOf, type AttachmentInfo } from '../attachments.ts';
import type { ReportedViolation } from '../deposit/refusal.ts';
import { findVisibleInvoice } from './find-visible.ts';
import { toSummary, type InvoiceSummary } from './list-invoices.ts';

export interface InvoiceEvent {
  sequence: number;
  fromStatus: InvoiceStatus | null;
  toStatus: InvoiceStatus;
  actor: string;
  actorName: string;
  motive: string | null;
  data: unknown;
  occurredAt: string;
}

export interface InvoiceDetail extends InvoiceSummary {
  syntax: 'UBL' | 'CII' | 'FACTURX';
  supplierIdentifier: string | null;
  serviceCode: string | null;
  originalSha256: string;
  workflowId: string;
  lastMotive: string | null;
  mandateNumber: string | null;
  deposit: { fileName: string | null; channel: string; depositedBy: string } | null;
  /** Legal payment clock (décret 2013-269). */
  paymentClock: {
    paymentDelayDays: number;
    madeAvailableAt: string | null;
    legalDueAt: string | null;
    paidOn: string | null;
    lateDays: number | null;
    lateInterest: string | null;
    lateIndemnity: string | null;
  };
  validationReport: { profile: string; violations: ReportedViolation[] };
  events: InvoiceEvent[];
  /** The files the events reference (embedded in the invoice, sent with a completion), named. */
  attachments: AttachmentInfo[];
}

export async function getInvoiceDetail(deps: AppDeps, actor: Actor | undefined, id: string): Promise<InvoiceDetail> {
  const invoice = await findVisibleInvoice(deps, actor, id);
  const [[buyer], [service], [deposit], events, attachments] = await Promise.all([
    deps.db
      .select({ name: structures.name, paymentDelayDays: structures.paymentDelayDays })
      .from(structures)
      .where(eq(structures.id, invoice.buyerId)),
    invoice.serviceId
      ? deps.db
          .select({ code: services.code, label: services.label })
          .from(services)
          .where(eq(services.id, invoice.serviceId))
      : Promise.resolve([]),
    deps.db
      .select({ fileName: deposits.fileName, channel: deposits.channel, depositedBy: deposits.depositedBy })
      .from(deposits)
      .where(and(eq(deposits.invoiceId, invoice.id), eq(deposits.outcome, 'accepted')))
      .orderBy(asc(deposits.createdAt))
      .limit(1),
    eventsOf(deps, invoice.id),
    attachmentsOf(deps, invoice.id),
  ]);
  const report = invoice.validationReport as Partial<InvoiceDetail['validationReport']> | null;
  return {
    ...toSummary({
      invoice,
      buyerName: buyer?.name ?? '',
      serviceCode: service?.code ?? null,
      serviceLabel: service?.label ?? null,
    }),
    syntax: invoice.syntax,
    supplierIdentifier: invoice.supplierIdentifier,
    serviceCode: invoice.serviceCode,
    originalSha256: invoice.originalSha256,
    workflowId: invoice.workflowId,
    lastMotive: invoice.lastMotive,
    mandateNumber: invoice.mandateNumber,
    deposit: deposit ?? null,
    paymentClock: {
      paymentDelayDays: buyer?.paymentDelayDays ?? 30,
      madeAvailableAt: invoice.madeAvailableAt?.toISOString() ?? null,
      legalDueAt: invoice.legalDueAt?.toISOString() ?? null,
      paidOn: invoice.paidOn,
      lateDays: invoice.lateDays,
      lateInterest: invoice.lateInterest,
      lateIndemnity: invoice.lateIndemnity,
    },
    validationReport: { profile: report?.profile ?? 'fr', violations: report?.violations ?? [] },
    events,
    attachments,
  };
}

/** The append-only history of a visible invoice, in order. */
export async function getInvoiceEvents(deps: AppDeps, actor: Actor | undefined, id: string): Promise<InvoiceEvent[]> {
  const invoice = await findVisibleInvoice(deps, actor, id);
  return eventsOf(deps, invoice.id);
}

async function eventsOf(deps: AppDeps, invoiceId: string): Promise<InvoiceEvent[]> {
  const rows = await deps.db
    .select()
    .from(invoiceEvents)
    .where(eq(invoiceEvents.invoiceId, invoiceId))
    .orderBy(asc(invoiceEvents.sequence));
  return rows.map(toEvent);
}

const toEvent = (e: InvoiceEventRow): InvoiceEvent => ({
  sequence: e.sequence,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  actor: e.actor,
  actorName: e.actorName,
  motive: e.motive,
  data: e.data,
  occurredAt: e.occurredAt.toISOString(),
});
