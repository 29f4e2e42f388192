// The form's verbs on the real database: a supplier can embed only the files it uploaded itself, a sent form is
// deposited like any invoice (duplicates refused), drafts stay with their supplier.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { deposits } from '../../../db/schema/invoices.ts';
import { AppError } from '../../platform/errors.ts';
import { personActing, testParties, uniqueInvoiceNumber } from '../../../test/helpers/invoices.ts';
import { testDeps } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import type { InvoiceFormData } from '../domain/invoice-form/form-data.ts';
import { emptyLineInput } from '../domain/invoice-form/form-data.ts';
import { copyAsTemplate, getDraft, listDrafts, saveDraft } from './drafts.ts';
import { newInvoiceForm, submitInvoiceForm } from './submit-form.ts';
import { uploadFormAttachments } from './uploads.ts';

const t = useTestDatabase();
let parties: Awaited<ReturnType<typeof testParties>>;
const isAppError = (e: unknown): e is AppError => e instanceof AppError;
const ctxOf = (actor: ReturnType<typeof personActing>) => ({ deps: testDeps(t.handle), actor });

beforeAll(async () => {
  parties = await testParties(t.handle.db);
});

async function filledForm(actor: ReturnType<typeof personActing>, supplierId: string): Promise<InvoiceFormData> {
  const form = await newInvoiceForm({ ctx: ctxOf(actor), input: { supplierId } });
  return {
    ...form,
    number: uniqueInvoiceNumber('VERB'),
    seller: { ...form.seller, line1: '1 rue du Port', postCode: '56100', city: 'Lorient' },
    buyer: { siret: parties.lorient.siret, serviceCode: '', engagementNumber: '', contractReference: '' },
    lines: [{ ...emptyLineInput(), description: 'Entretien des espaces verts', quantity: '2', unitPrice: '150' }],
    payment: { ...form.payment, iban: 'FR7630006000011234567890189' },
  };
}

describe('the invoice form verbs', () => {
  it('embeds only the supplier’s own uploads', async () => {
    const armor = personActing('supplier', parties.armor.id);
    const breizh = personActing('supplier', parties.breizh.id);
    const [theirs] = await uploadFormAttachments({
      ctx: ctxOf(breizh),
      input: {
        supplierId: parties.breizh.id,
        files: [new File(['%PDF-1.4 contrat confidentiel'], 'contrat.pdf', { type: 'application/pdf' })],
        already: 0,
      },
    });
    const form = { ...(await filledForm(armor, parties.armor.id)), attachments: [theirs!] };
    const result = await submitInvoiceForm({ ctx: ctxOf(armor), input: { supplierId: parties.armor.id, form } });
    expect(result.outcome).toBe('invalid');
    expect(result.outcome === 'invalid' && result.errors).toEqual([
      { field: 'attachments', message: 'Pièce jointe « contrat.pdf » introuvable : joignez-la de nouveau.' },
    ]);
    // Nor can one upload for another supplier.
    const forbidden = await uploadFormAttachments({
      ctx: ctxOf(armor),
      input: { supplierId: parties.breizh.id, files: [], already: 0 },
    }).catch((e: unknown) => e);
    expect(isAppError(forbidden) && forbidden.status).toBe(403);
  });

  it('deposits the form like any invoice, and refuses the same number twice', async () => {
    const armor = personActing('supplier', parties.armor.id);
    const form = await filledForm(armor, parties.armor.id);
    const first = await submitInvoiceForm({ ctx: ctxOf(armor), input: { supplierId: parties.armor.id, form } });
    if (first.outcome !== 'deposited' || first.deposit.outcome !== 'accepted') throw new Error(JSON.stringify(first));
    expect(first.deposit).toMatchObject({ syntax: 'FACTURX', status: 'DEPOSEE', number: form.number });
    const [row] = await t.handle.db.select().from(deposits).where(eq(deposits.invoiceId, first.deposit.invoiceId));
    expect(row?.channel).toBe('form');
    const again = await submitInvoiceForm({ ctx: ctxOf(armor), input: { supplierId: parties.armor.id, form } });
    expect(again.outcome === 'deposited' && again.deposit.outcome === 'refused' && again.deposit.code).toBe(
      'DUPLICATE_INVOICE',
    );
    // Its template, for the next one; nobody else's to copy.
    const breizh = personActing('supplier', parties.breizh.id);
    const stolen = await copyAsTemplate({
      ctx: ctxOf(breizh),
      input: { from: { invoiceId: first.deposit.invoiceId } },
    }).catch((e: unknown) => e);
    expect(isAppError(stolen) && stolen.status).toBe(404);
    const draftId = await copyAsTemplate({
      ctx: ctxOf(armor),
      input: { from: { invoiceId: first.deposit.invoiceId } },
    });
    const draft = await getDraft({ ctx: ctxOf(armor), input: { draftId } });
    expect(draft.form).toMatchObject({ number: '', issueDate: '', buyer: { siret: parties.lorient.siret } });
    expect(draft.form.lines[0]).toMatchObject({ description: 'Entretien des espaces verts', unitPrice: '150,00' });
  });

  it('keeps drafts with their supplier', async () => {
    const armor = personActing('supplier', parties.armor.id);
    const breizh = personActing('supplier', parties.breizh.id);
    const draftId = await saveDraft({
      ctx: ctxOf(armor),
      input: { supplierId: parties.armor.id, form: await filledForm(armor, parties.armor.id) },
    });
    expect((await listDrafts({ ctx: ctxOf(armor), input: {} })).map((d) => d.id)).toContain(draftId);
    expect((await listDrafts({ ctx: ctxOf(breizh), input: {} })).map((d) => d.id)).not.toContain(draftId);
    const other = await getDraft({ ctx: ctxOf(breizh), input: { draftId } }).catch((e: unknown) => e);
    expect(isAppError(other) && other.status).toBe(404);
    const overwrite = await saveDraft({
      ctx: ctxOf(breizh),
      input: { supplierId: parties.breizh.id, draftId, form: await filledForm(breizh, parties.breizh.id) },
    }).catch((e: unknown) => e);
    expect(isAppError(overwrite) && overwrite.status).toBe(404);
  });
});
