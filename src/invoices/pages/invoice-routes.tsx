// One invoice's page, its documents, and the forms that move it (accountant decisions, supplier answers).
import { Hono, type Context } from 'hono';
import { CSRF_FIELD, hasRole, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewer } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../../web/viewer.ts';
import { fieldIdOfRefusal, type FailedAction } from './action-forms.tsx';
import { accountantActionOf } from './decision-form.ts';
import { InvoicePage } from './invoice-page.tsx';
import { markInvoiceNotificationsRead } from '../notifications/inbox.ts';
import {
  ACTION_LABELS,
  allowedActions,
  decideInvoice,
  getInvoiceDetail,
  getInvoiceLines,
  getInvoiceOriginal,
  getInvoicePdf,
  attachToInvoice,
  getInvoiceAttachment,
  supplierActOnInvoice,
  type AllowedAction,
  type InvoiceDetail,
} from './invoice-verbs.ts';

type Side = 'accountant' | 'supplier' | undefined;

function sideOf(viewer: Viewer, invoice: InvoiceDetail): Side {
  if (hasRole(viewer.actor, 'accountant', invoice.buyer.id)) return 'accountant';
  if (hasRole(viewer.actor, 'supplier', invoice.supplier.id)) return 'supplier';
  return undefined;
}

const backHref = (viewer: Viewer, side: Side): string =>
  side === 'supplier' ? '/factures' : side === 'accountant' || viewer.roles.includes('agent') ? '/a-traiter' : '/';

async function showInvoice(
  c: Context<AppEnv>,
  viewer: Viewer,
  id: string,
  extra: { done?: string; error?: string; failed?: FailedAction; confirmReject?: { motive: string } },
  status: 200 | 400 | 403 | 409 | 413 | 422 | 503 = 200,
) {
  const deps = c.get('deps');
  const invoice = await getInvoiceDetail(deps, viewer.actor, id);
  const side = sideOf(viewer, invoice);
  const actions: AllowedAction[] = side ? allowedActions(invoice.status, side) : [];
  // Opening the invoice is reading what was said about it.
  const [lines] = await Promise.all([
    // The page stays usable when the lines cannot be read now (pool busy, huge invoice): the PDF still shows them.
    getInvoiceLines(deps, viewer.actor, id).catch((error: unknown) => {
      if (error instanceof AppError) return undefined;
      throw error;
    }),
    markInvoiceNotificationsRead(deps, viewer.actor, id),
  ]);
  const readOnly =
    side === undefined && viewer.roles.includes('agent') && hasRole(viewer.actor, 'agent', invoice.buyer.id);
  return sendPage(
    c,
    <InvoicePage
      viewer={viewer}
      invoice={invoice}
      actions={actions}
      now={deps.clock.now()}
      done={extra.done}
      error={extra.error}
      failed={extra.failed}
      confirmReject={extra.confirmReject}
      readOnly={readOnly}
      lines={lines}
      backHref={backHref(viewer, side)}
      canCopy={side === 'supplier'}
    />,
    status,
  );
}

const field = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

/** Runs an action; a refusal the person can fix is shown on the invoice page, anything else goes to the error page. */
async function act(
  c: Context<AppEnv>,
  viewer: Viewer,
  id: string,
  kind: keyof typeof ACTION_LABELS,
  values: Record<string, string>,
  run: () => Promise<unknown>,
): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError && [400, 403, 409, 413, 422, 503].includes(error.status)) {
      const failed: FailedAction = {
        kind,
        fieldId: fieldIdOfRefusal(error.code, kind),
        message: error.message,
        values,
      };
      return showInvoice(c, viewer, id, { failed }, error.status as 400);
    }
    throw error;
  }
  return c.redirect(`/factures/${id}?fait=${kind}`, 303);
}

function doneMessage(value: string | undefined): string | undefined {
  if (!value || !(value in ACTION_LABELS)) return undefined;
  return `Action enregistrée : ${ACTION_LABELS[value as keyof typeof ACTION_LABELS].toLowerCase()}.`;
}

function documentResponse(
  c: Context<AppEnv>,
  doc: { bytes: Uint8Array; mediaType: string; fileName: string },
  disposition: 'inline' | 'attachment',
) {
  const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(doc.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': doc.mediaType,
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
    'Cache-Control': 'private, no-store',
  });
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** The type of a file a browser can preview inline: a PDF or a PNG, JPEG, GIF or WebP image, by its signature. */
export function previewableType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]))
    return 'image/webp';
  return null;
}

export const invoiceRoutes = new Hono<AppEnv>()
  .get('/factures/:id', async (c) => {
    const viewer = await requireViewer(c);
    return showInvoice(c, viewer, c.req.param('id'), { done: doneMessage(c.req.query('fait')) });
  })
  .get('/factures/:id/pdf', async (c) => {
    const viewer = await requireViewer(c);
    return documentResponse(c, await getInvoicePdf(c.get('deps'), viewer.actor, c.req.param('id')), 'inline');
  })
  .get('/factures/:id/original', async (c) => {
    const viewer = await requireViewer(c);
    return documentResponse(c, await getInvoiceOriginal(c.get('deps'), viewer.actor, c.req.param('id')), 'attachment');
  })
  .get('/factures/:id/pieces-jointes/:sha256', async (c) => {
    const viewer = await requireViewer(c);
    const file = await getInvoiceAttachment({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: { invoiceId: c.req.param('id'), sha256: c.req.param('sha256') },
    });
    // Inline only for what a browser shows safely, judged on the bytes rather than on the type the sender claimed.
    const shown = c.req.query('apercu') !== undefined ? previewableType(file.bytes) : null;
    const response = documentResponse(
      c,
      { bytes: file.bytes, mediaType: shown ?? file.mediaType, fileName: file.fileName },
      shown ? 'inline' : 'attachment',
    );
    response.headers.set('X-Content-Type-Options', 'nosniff');
    return response;
  })
  .post('/factures/:id/decision', async (c) => {
    const viewer = await requireViewer(c);
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    await getInvoiceDetail(c.get('deps'), viewer.actor, id); // same 404 as the page for an invoice not visible
    const action = accountantActionOf(form);
    const values = {
      motive: field(form, 'motive'),
      mandateNumber: field(form, 'mandateNumber'),
      paymentDate: field(form, 'paymentDate'),
    };
    // A rejection is final: asked once more, with its motive, unless the motive is missing (then said at once).
    if (action.kind === 'REJETEE' && form['confirm'] !== 'oui' && values.motive.trim() !== '')
      return showInvoice(c, viewer, id, { confirmReject: { motive: values.motive } });
    return act(c, viewer, id, action.kind, values, () =>
      decideInvoice({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: { invoiceId: id, action: action } }),
    );
  })
  .post('/factures/:id/completer', async (c) => {
    const viewer = await requireViewer(c);
    const id = c.req.param('id');
    const form = await c.req.parseBody({ all: true });
    verifyCsrf(c, form[CSRF_FIELD]);
    await getInvoiceDetail(c.get('deps'), viewer.actor, id);
    const files = [form['attachments']].flat().filter((f): f is File => f instanceof File && f.size > 0);
    return act(c, viewer, id, 'COMPLETEE', { comment: field(form, 'comment') }, async () => {
      const attachments = await attachToInvoice({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { invoiceId: id, files },
      });
      return supplierActOnInvoice({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: {
          invoiceId: id,
          action: {
            kind: 'COMPLETEE',
            comment: field(form, 'comment'),
            attachments,
          },
        },
      });
    });
  })
  .post('/factures/:id/reacheminer', async (c) => {
    const viewer = await requireViewer(c);
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    await getInvoiceDetail(c.get('deps'), viewer.actor, id);
    const serviceCode = field(form, 'serviceCode').trim();
    const engagementNumber = field(form, 'engagementNumber').trim();
    const values = { buyerSiret: field(form, 'buyerSiret'), serviceCode, engagementNumber };
    return act(c, viewer, id, 'REROUTE', values, () =>
      supplierActOnInvoice({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: {
          invoiceId: id,
          action: {
            kind: 'REROUTE',
            buyerSiret: field(form, 'buyerSiret').replace(/\s+/g, ''),
            ...(serviceCode ? { serviceCode } : {}),
            ...(engagementNumber ? { engagementNumber } : {}),
          },
        },
      }),
    );
  });
