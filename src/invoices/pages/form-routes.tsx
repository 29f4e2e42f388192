// The invoice form's pages: /factures/saisir (new, resumed from a draft, every button posting the whole form),
// /factures/brouillons (the supplier's drafts), and "copy as template" from a draft or a deposited invoice.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import { DraftsPage } from './drafts-page.tsx';
import { FormSentPage, InvoiceFormPage, type InvoiceFormPageProps } from './invoice-form-page.tsx';
import {
  copyAsTemplate,
  deleteDraft,
  describeForm,
  emptyAdjustment,
  emptyLineInput,
  getDraft,
  listDrafts,
  newInvoiceForm,
  readFormFields,
  saveDraft,
  searchRecipients,
  submitInvoiceForm,
  uploadFormAttachments,
  type InvoiceFormData,
} from './invoice-verbs.ts';

/** 20 attachments of 10 MB and the fields around them. */
const FORM_BODY_LIMIT = 210 * 1024 * 1024;

function supplierOf(viewer: Viewer, chosen: unknown): string {
  const suppliers = structuresAs(viewer, 'supplier');
  const found = suppliers.find((s) => s.id === chosen) ?? (suppliers.length >= 1 ? suppliers[0] : undefined);
  if (!found) throw new AppError('FORBIDDEN', 'Seul un fournisseur peut saisir une facture.', 403);
  return found.id;
}

/** Text fields of a multipart body, the first value of each; the files apart. */
function splitBody(body: Record<string, unknown>): { fields: Record<string, string>; files: File[] } {
  const fields: Record<string, string> = {};
  const files: File[] = [];
  for (const [key, value] of Object.entries(body)) {
    for (const v of [value].flat()) {
      if (v instanceof File) {
        if (key === 'files' && v.size > 0) files.push(v);
      } else if (typeof v === 'string' && fields[key] === undefined) fields[key] = v;
    }
  }
  return { fields, files };
}

async function showForm(
  c: Context<AppEnv>,
  viewer: Viewer,
  supplierId: string,
  form: InvoiceFormData,
  extra: Partial<Omit<InvoiceFormPageProps, 'viewer' | 'form' | 'view'>> = {},
  status: 200 | 201 | 400 | 413 | 415 | 422 = 200,
) {
  const ctx = { deps: c.get('deps'), actor: viewer.actor };
  const view = await describeForm({ ctx, input: { supplierId, form } });
  return sendPage(c, <InvoiceFormPage viewer={viewer} form={form} view={view} {...extra} />, status);
}

/** Applies a button that edits the form itself (rows, recipient); true when it was one. */
function applyEdit(form: InvoiceFormData, action: string): boolean {
  const [verb, arg] = action.split(':');
  const index = Number(arg);
  switch (verb) {
    case 'add-line':
      form.lines.push(emptyLineInput());
      return true;
    case 'remove-line':
      if (Number.isInteger(index)) form.lines.splice(index, 1);
      if (form.lines.length === 0) form.lines.push(emptyLineInput());
      return true;
    case 'add-allowance':
      form.adjustments.push(emptyAdjustment());
      return true;
    case 'add-charge':
      form.adjustments.push({ ...emptyAdjustment(), kind: 'charge' });
      return true;
    case 'remove-adj':
      if (Number.isInteger(index)) form.adjustments.splice(index, 1);
      return true;
    case 'change-buyer':
      form.buyer = {
        siret: '',
        serviceCode: '',
        engagementNumber: '',
        contractReference: form.buyer.contractReference,
      };
      return true;
    case 'choose-buyer':
      form.buyer = { ...form.buyer, siret: arg ?? '', serviceCode: '', engagementNumber: form.buyer.engagementNumber };
      return true;
    default:
      return false;
  }
}

export const formRoutes = new Hono<AppEnv>()
  .get('/factures/saisir', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const ctx = { deps: c.get('deps'), actor: viewer.actor };
    const draftId = c.req.query('brouillon');
    if (draftId) {
      const draft = await getDraft({ ctx, input: { draftId } });
      return showForm(c, viewer, draft.supplierId, draft.form, {
        draftId: draft.id,
        notice:
          c.req.query('enregistre') !== undefined
            ? 'Brouillon enregistré. Vous pourrez le reprendre plus tard.'
            : undefined,
      });
    }
    const supplierId = supplierOf(viewer, c.req.query('fournisseur'));
    return showForm(c, viewer, supplierId, await newInvoiceForm({ ctx, input: { supplierId } }));
  })
  .post(
    '/factures/saisir',
    bodyLimit({
      maxSize: FORM_BODY_LIMIT,
      onError: () => {
        throw new AppError(
          'FILE_TOO_LARGE',
          'Les pièces jointes dépassent la taille maximale (10 Mo chacune, 20 au plus).',
          413,
        );
      },
    }),
    async (c) => {
      const viewer = await requireViewerWith(c, 'supplier');
      const body = await c.req.parseBody({ all: true });
      verifyCsrf(c, [body[CSRF_FIELD]].flat()[0]);
      const { fields, files } = splitBody(body);
      const supplierId = supplierOf(viewer, fields['fournisseur']);
      const ctx = { deps: c.get('deps'), actor: viewer.actor };
      const form = readFormFields(fields);
      const draftId = fields['draftId'] || undefined;
      const action = fields['action'] ?? 'recalculate';
      const base = { draftId, buyerQuery: fields['buyerQuery'] ?? '' };
      if (files.length > 0) {
        try {
          const added = await uploadFormAttachments({
            ctx,
            input: { supplierId, files, already: form.attachments.length },
          });
          for (const a of added) if (!form.attachments.some((x) => x.sha256 === a.sha256)) form.attachments.push(a);
        } catch (error) {
          if (error instanceof AppError && [400, 413, 415].includes(error.status))
            return showForm(
              c,
              viewer,
              supplierId,
              form,
              { ...base, errors: [{ field: 'attachments', message: error.message }] },
              error.status as 400,
            );
          throw error;
        }
      }
      if (applyEdit(form, action)) return showForm(c, viewer, supplierId, form, base);
      if (action === 'search-buyer') {
        const buyerResults = await searchRecipients(c.get('deps'), base.buyerQuery);
        return showForm(c, viewer, supplierId, form, { ...base, buyerResults });
      }
      if (action === 'save') {
        const id = await saveDraft({ ctx, input: { supplierId, draftId, form } });
        return c.redirect(`/factures/saisir?brouillon=${id}&enregistre`, 303);
      }
      if (action === 'send') {
        const result = await submitInvoiceForm({ ctx, input: { supplierId, form, draftId } });
        if (result.outcome === 'invalid')
          return sendPage(
            c,
            <InvoiceFormPage viewer={viewer} form={form} view={result.view} {...base} errors={result.errors} />,
            422,
          );
        if (result.deposit.outcome === 'refused')
          return sendPage(
            c,
            <InvoiceFormPage viewer={viewer} form={form} view={result.view} {...base} refusal={result.deposit} />,
            422,
          );
        return sendPage(c, <FormSentPage viewer={viewer} result={result.deposit} />, 201);
      }
      return showForm(c, viewer, supplierId, form, base);
    },
  )
  .get('/factures/brouillons', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const drafts = await listDrafts({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: {} });
    const done = c.req.query('fait');
    return sendPage(
      c,
      <DraftsPage viewer={viewer} drafts={drafts} notice={done === 'supprime' ? 'Brouillon supprimé.' : undefined} />,
    );
  })
  .post('/factures/brouillons/:id/supprimer', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    await deleteDraft({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: { draftId: c.req.param('id') } });
    return c.redirect('/factures/brouillons?fait=supprime', 303);
  })
  .post('/factures/brouillons/:id/modele', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const id = await copyAsTemplate({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: { from: { draftId: c.req.param('id') } },
    });
    return c.redirect(`/factures/saisir?brouillon=${id}`, 303);
  })
  .post('/factures/:id/modele', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const id = await copyAsTemplate({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: { from: { invoiceId: c.req.param('id') } },
    });
    return c.redirect(`/factures/saisir?brouillon=${id}`, 303);
  });
