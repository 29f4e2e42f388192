// Invoice forms saved before being sent: the supplier's own, listed, resumed, deleted; and "copy as the template
// of the next invoice" from a draft or from an invoice already deposited.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { invoiceDrafts } from '../../../db/schema/invoices.ts';
import { readInvoice } from '../../../formats/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requireActorPresent, requireRole, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { isUuid } from '../../platform/uuid.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { actorRef } from '../deposit/actor-ref.ts';
import { formFromJson, type InvoiceFormData } from '../domain/invoice-form/form-data.ts';
import { asTemplate, formFromInvoice } from '../domain/invoice-form/from-invoice.ts';
import { computeTotals } from '../domain/invoice-form/totals.ts';
import { getInvoiceOriginal } from '../queries/documents.ts';
import { findVisibleInvoice } from '../queries/find-visible.ts';

export interface DraftSummary {
  id: string;
  supplierId: string;
  number: string;
  buyerSiret: string;
  firstLine: string;
  totalWithVat: string;
  updatedAt: string;
}

export interface Draft {
  id: string;
  supplierId: string;
  form: InvoiceFormData;
  updatedAt: string;
}

type Deps = AppDeps;

/** The draft, if the actor is a supplier of its owner; the same 404 otherwise. */
async function ownDraft(deps: Deps, actor: Actor | undefined, id: string) {
  const present = requireActorPresent(actor);
  if (!isUuid(id)) throw notFound('Brouillon');
  const [row] = await deps.db.select().from(invoiceDrafts).where(eq(invoiceDrafts.id, id));
  if (!row || !structuresWithRole(present, 'supplier').includes(row.supplierId)) throw notFound('Brouillon');
  return { row, actor: present };
}

export async function saveDraft({
  ctx,
  input,
}: VerbCall<Deps, { supplierId: string; draftId?: string | undefined; form: InvoiceFormData }>): Promise<string> {
  const { deps } = ctx;
  const actor = requireRole(ctx.actor, 'supplier', input.supplierId);
  const existing = input.draftId ? (await ownDraft(deps, actor, input.draftId)).row : undefined;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    let id: string;
    if (existing) {
      await tx
        .update(invoiceDrafts)
        .set({ form: input.form, supplierId: input.supplierId, updatedAt: now })
        .where(eq(invoiceDrafts.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(invoiceDrafts)
        .values({
          supplierId: input.supplierId,
          form: input.form,
          createdBy: actorRef(actor).actor,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: invoiceDrafts.id });
      id = row!.id;
    }
    await recordAudit(tx, {
      actor,
      action: 'invoice_draft.save',
      subject: { type: 'invoice_draft', id },
      structureId: input.supplierId,
      after: { number: input.form.number, buyerSiret: input.form.buyer.siret, lines: input.form.lines.length },
    });
    return id;
  });
}

export async function listDrafts({ ctx }: VerbCall<Deps, Record<string, never>>): Promise<DraftSummary[]> {
  const actor = requireActorPresent(ctx.actor);
  const suppliers = structuresWithRole(actor, 'supplier');
  if (suppliers.length === 0) return [];
  const rows = await ctx.deps.db
    .select()
    .from(invoiceDrafts)
    .where(inArray(invoiceDrafts.supplierId, suppliers))
    .orderBy(desc(invoiceDrafts.updatedAt))
    .limit(100);
  return rows.map((r) => {
    const form = formFromJson(r.form);
    return {
      id: r.id,
      supplierId: r.supplierId,
      number: form.number,
      buyerSiret: form.buyer.siret,
      firstLine: form.lines[0]?.description.split('\n')[0] ?? '',
      totalWithVat: computeTotals(form).totals.withVat,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function getDraft({ ctx, input }: VerbCall<Deps, { draftId: string }>): Promise<Draft> {
  const { row } = await ownDraft(ctx.deps, ctx.actor, input.draftId);
  return {
    id: row.id,
    supplierId: row.supplierId,
    form: formFromJson(row.form),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function deleteDraft({ ctx, input }: VerbCall<Deps, { draftId: string }>): Promise<void> {
  const { row, actor } = await ownDraft(ctx.deps, ctx.actor, input.draftId);
  await ctx.deps.db.transaction(async (tx) => {
    await tx
      .delete(invoiceDrafts)
      .where(and(eq(invoiceDrafts.id, row.id), eq(invoiceDrafts.supplierId, row.supplierId)));
    await recordAudit(tx, {
      actor,
      action: 'invoice_draft.delete',
      subject: { type: 'invoice_draft', id: row.id },
      structureId: row.supplierId,
      before: { number: formFromJson(row.form).number },
    });
  });
}

/** A new draft from a draft or from one of the supplier's deposited invoices: same parties, lines and payment. */
export async function copyAsTemplate({
  ctx,
  input,
}: VerbCall<Deps, { from: { draftId: string } | { invoiceId: string } }>): Promise<string> {
  const actor = requireActorPresent(ctx.actor);
  let supplierId: string;
  let form: InvoiceFormData;
  if ('draftId' in input.from) {
    const { row } = await ownDraft(ctx.deps, actor, input.from.draftId);
    supplierId = row.supplierId;
    form = formFromJson(row.form);
  } else {
    const invoice = await findVisibleInvoice(ctx.deps, actor, input.from.invoiceId);
    requireRole(actor, 'supplier', invoice.supplierId);
    const original = await getInvoiceOriginal(ctx.deps, actor, invoice.id);
    form = formFromInvoice((await readInvoice(original.bytes)).invoice);
    supplierId = invoice.supplierId;
  }
  return saveDraft({ ctx: { deps: ctx.deps, actor }, input: { supplierId, form: asTemplate(form) } });
}
