// The invoice form's verbs: a new form prefilled for the supplier, and sending it. Sending builds the EN 16931
// invoice, writes it as Factur-X (formats/) and deposits it with the deposit verb, so that it is validated,
// recorded and routed like any other invoice.
import { and, desc, eq } from 'drizzle-orm';
import { deposits, invoiceDrafts, invoices } from '../../../db/schema/invoices.ts';
import { readInvoice, writeFacturX } from '../../../formats/index.ts';
import { frenchVatNumber } from '../../directory/index.ts';
import { requireRole } from '../../platform/auth/index.ts';
import { parisDay } from '../../platform/calendar/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { depositInvoice, type DepositResult } from '../deposit/deposit-invoice.ts';
import { buildInvoice, type FormBuyer } from '../domain/invoice-form/build-invoice.ts';
import { emptyForm, type InvoiceFormData } from '../domain/invoice-form/form-data.ts';
import { formFromInvoice } from '../domain/invoice-form/from-invoice.ts';
import type { FieldError, FormTotals } from '../domain/invoice-form/totals.ts';
import { computeTotals } from '../domain/invoice-form/totals.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import type { InvoiceDeps } from '../settings.ts';
import { buyerForForm, supplierForForm, type SupplierForForm } from './parties.ts';
import { ownUploadContents } from './uploads.ts';

export interface FormView {
  supplier: SupplierForForm;
  buyer: FormBuyer | null;
  totals: FormTotals;
}

async function supplierOrFail(deps: InvoiceDeps, supplierId: string): Promise<SupplierForForm> {
  const supplier = await supplierForForm(deps, supplierId);
  if (!supplier) throw new AppError('FORBIDDEN', 'Cette structure n’est pas un fournisseur.', 403);
  return supplier;
}

/** What the page shows beside the form: the supplier's establishments, the buyer's services and rules, totals. */
export async function describeForm({
  ctx,
  input,
}: VerbCall<InvoiceDeps, { supplierId: string; form: InvoiceFormData }>): Promise<FormView> {
  requireRole(ctx.actor, 'supplier', input.supplierId);
  const [supplier, buyer] = await Promise.all([
    supplierOrFail(ctx.deps, input.supplierId),
    input.form.buyer.siret.trim() ? buyerForForm(ctx.deps, input.form.buyer.siret) : Promise.resolve(null),
  ]);
  return { supplier, buyer, totals: computeTotals(input.form).totals };
}

/**
 * A new form for the supplier: its name, SIRET and VAT number from the directory, today's date, and the address,
 * contact and bank details of the latest invoice it typed here, since they rarely change.
 */
export async function newInvoiceForm({
  ctx,
  input,
}: VerbCall<InvoiceDeps, { supplierId: string }>): Promise<InvoiceFormData> {
  requireRole(ctx.actor, 'supplier', input.supplierId);
  const supplier = await supplierOrFail(ctx.deps, input.supplierId);
  const form = emptyForm();
  // The latest invoice typed in this form (a PDF-with-data deposit carries no address nor bank details).
  const [latest] = await ctx.deps.db
    .select({ sha256: invoices.originalSha256 })
    .from(invoices)
    .innerJoin(deposits, and(eq(deposits.invoiceId, invoices.id), eq(deposits.outcome, 'accepted')))
    .where(and(eq(invoices.supplierId, input.supplierId), eq(deposits.channel, 'form')))
    .orderBy(desc(invoices.createdAt))
    .limit(1);
  if (latest) {
    const blob = await databaseBlobStore(ctx.deps.db).get(latest.sha256);
    const previous = blob ? await readInvoice(blob.bytes).catch(() => null) : null;
    if (previous) {
      const last = formFromInvoice(previous.invoice);
      form.seller = { ...last.seller };
      form.payment = {
        ...form.payment,
        iban: last.payment.iban,
        bic: last.payment.bic,
        accountName: last.payment.accountName,
        terms: last.payment.terms,
      };
      form.notes = { ...last.notes, free: '' };
      form.nature = last.nature;
    }
  }
  form.seller.name = form.seller.name || supplier.name;
  if (!supplier.sirets.includes(form.seller.siret)) form.seller.siret = supplier.sirets[0] ?? '';
  form.seller.vatId = supplier.vatNumber ?? (supplier.siren ? frenchVatNumber(supplier.siren) : form.seller.vatId);
  form.payment.accountName = form.payment.accountName || supplier.name;
  form.issueDate = parisDay(ctx.deps.clock.now()).date;
  return form;
}

export type SubmitResult =
  | { outcome: 'invalid'; errors: FieldError[]; view: FormView }
  | { outcome: 'deposited'; deposit: DepositResult; view: FormView };

/** Builds, writes and deposits the invoice; a draft it came from is deleted once the deposit is accepted. */
export async function submitInvoiceForm({
  ctx,
  input,
}: VerbCall<
  InvoiceDeps,
  { supplierId: string; form: InvoiceFormData; draftId?: string | undefined }
>): Promise<SubmitResult> {
  const actor = requireRole(ctx.actor, 'supplier', input.supplierId);
  const view = await describeForm({ ctx, input });
  const contents = await ownUploadContents(
    ctx.deps,
    input.supplierId,
    input.form.attachments.map((a) => a.sha256),
  );
  const built = buildInvoice(input.form, { supplier: view.supplier, buyer: view.buyer, attachmentContents: contents });
  if (!built.ok) return { outcome: 'invalid', errors: built.errors, view };
  const pdf = await writeFacturX(built.invoice);
  const deposit = await depositInvoice({
    ctx,
    input: { supplierId: input.supplierId, bytes: pdf, fileName: `${built.invoice.number}.pdf`, channel: 'form' },
  });
  if (deposit.outcome === 'accepted' && input.draftId) {
    const draftId = input.draftId;
    await ctx.deps.db.transaction(async (tx) => {
      const removed = await tx
        .delete(invoiceDrafts)
        .where(and(eq(invoiceDrafts.id, draftId), eq(invoiceDrafts.supplierId, input.supplierId)))
        .returning({ id: invoiceDrafts.id });
      if (removed.length > 0)
        await recordAudit(tx, {
          actor,
          action: 'invoice_draft.delete',
          subject: { type: 'invoice_draft', id: draftId },
          structureId: input.supplierId,
          after: { depositedAs: deposit.invoiceId },
        });
    });
  }
  return { outcome: 'deposited', deposit, view };
}
