// Supplier pages: /factures (my invoices), its CSV export, /factures/deposer.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { csvResponse } from '../../web/csv.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import { DepositPage, type DepositPageProps } from './deposit-page.tsx';
import { invoicesCsv } from './invoice-csv.ts';
import {
  DEFAULT_MAX_DEPOSIT_BYTES,
  depositInvoice,
  depositPdfWithData,
  emptyPdfData,
  listInvoices,
  readPdfDataFields,
  type InvoiceDeps,
  type InvoiceFilters,
} from './invoice-verbs.ts';
import { readListQuery } from './list-query.ts';
import { SupplierListPage } from './supplier-list-page.tsx';

const maxBytes = (deps: InvoiceDeps): number => deps.invoices?.maxDepositBytes ?? DEFAULT_MAX_DEPOSIT_BYTES;
const megabytes = (bytes: number): number => Math.floor(bytes / (1024 * 1024));

/** The supplier's own invoices: filtered on its company when it has only one. */
function supplierFilters(viewer: Viewer, filters: InvoiceFilters): InvoiceFilters {
  const mine = structuresAs(viewer, 'supplier');
  return mine.length === 1 ? { ...filters, supplierId: mine[0]!.id } : filters;
}

/** The second mode of the deposit page: the supplier's own PDF and the data typed beside it. */
async function depositPdf(c: Context<AppEnv>, viewer: Viewer, form: Record<string, unknown>, mb: number) {
  const data = readPdfDataFields(form);
  const file = form['file'];
  const suppliers = structuresAs(viewer, 'supplier');
  const supplierId =
    suppliers.find((s) => s.id === form['fournisseur'])?.id ?? (suppliers.length === 1 ? suppliers[0]!.id : undefined);
  const page = (extra: Partial<DepositPageProps>, status: 201 | 400 | 413 | 422) =>
    sendPage(c, <DepositPage viewer={viewer} maxMegabytes={mb} mode="pdf" pdfData={data} {...extra} />, status);
  if (!supplierId) return page({ error: 'Choisissez le fournisseur pour lequel vous déposez.' }, 400);
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  try {
    const result = await depositPdfWithData({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: { supplierId, pdf: bytes, fileName: file instanceof File && file.name ? file.name : 'facture.pdf', data },
    });
    if (result.outcome === 'invalid') return page({ pdfErrors: result.errors }, 422);
    return result.deposit.outcome === 'accepted'
      ? page({ result: result.deposit, pdfData: emptyPdfData() }, 201)
      : page({ result: result.deposit }, 422);
  } catch (error) {
    if (error instanceof AppError && [400, 403, 413].includes(error.status))
      return page({ error: error.message }, error.status as 400);
    throw error;
  }
}

export const supplierRoutes = new Hono<AppEnv>()
  .get('/factures', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const query = readListQuery(c.req.url, 'supplier');
    const page = await listInvoices(c.get('deps'), viewer.actor, supplierFilters(viewer, query.filters));
    return sendPage(c, <SupplierListPage viewer={viewer} page={page} query={query} now={c.get('deps').clock.now()} />);
  })
  .get('/factures/export.csv', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const query = readListQuery(c.req.url, 'supplier');
    return csvResponse(
      c,
      'mes-factures.csv',
      await invoicesCsv(c.get('deps'), viewer.actor, supplierFilters(viewer, query.filters)),
    );
  })
  .get('/factures/deposer', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const mode = c.req.query('mode') === 'pdf' ? 'pdf' : 'file';
    return sendPage(c, <DepositPage viewer={viewer} mode={mode} maxMegabytes={megabytes(maxBytes(c.get('deps')))} />);
  })
  .post(
    '/factures/deposer',
    (c, next) => {
      const limit = maxBytes(c.get('deps'));
      return bodyLimit({
        maxSize: limit + 64 * 1024,
        onError: () => {
          throw new AppError(
            'FILE_TOO_LARGE',
            `Le fichier dépasse la taille maximale d’une facture déposée (${megabytes(limit)} Mo).`,
            413,
          );
        },
      })(c, next);
    },
    async (c) => {
      const viewer = await requireViewerWith(c, 'supplier');
      const deps = c.get('deps');
      const form = await c.req.parseBody();
      verifyCsrf(c, form[CSRF_FIELD]);
      const mb = megabytes(maxBytes(deps));
      const file = form['file'];
      if (form['mode'] === 'pdf') return depositPdf(c, viewer, form, mb);
      if (!(file instanceof File) || file.size === 0) {
        return sendPage(
          c,
          <DepositPage viewer={viewer} maxMegabytes={mb} error="Choisissez le fichier de la facture (XML ou PDF)." />,
          400,
        );
      }
      const suppliers = structuresAs(viewer, 'supplier');
      const chosen = typeof form['fournisseur'] === 'string' ? form['fournisseur'] : '';
      const supplierId =
        suppliers.find((s) => s.id === chosen)?.id ?? (suppliers.length === 1 ? suppliers[0]!.id : undefined);
      if (!supplierId)
        return sendPage(
          c,
          <DepositPage viewer={viewer} maxMegabytes={mb} error="Choisissez le fournisseur pour lequel vous déposez." />,
          400,
        );
      try {
        const result = await depositInvoice({
          ctx: { deps: deps, actor: viewer.actor },
          input: {
            supplierId,
            bytes: new Uint8Array(await file.arrayBuffer()),
            fileName: file.name,
            channel: 'web',
          },
        });
        return sendPage(
          c,
          <DepositPage viewer={viewer} maxMegabytes={mb} result={result} />,
          result.outcome === 'accepted' ? 201 : 422,
        );
      } catch (error) {
        if (error instanceof AppError && error.status < 500 && error.status !== 401) {
          return sendPage(c, <DepositPage viewer={viewer} maxMegabytes={mb} error={error.message} />, error.status);
        }
        throw error;
      }
    },
  );
