// The accountant's inbox (/a-traiter), its CSV export, and bulk decisions on a selection.
import { Hono, type Context } from 'hono';
import { listServices } from '../../directory/index.ts';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { csvResponse } from '../../web/csv.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import { InboxPage, type BulkOutcome } from './inbox-page.tsx';
import { invoicesCsv } from './invoice-csv.ts';
import { accountantActionOf } from './decision-form.ts';
import { ACTION_LABELS, decideInvoice, getInvoiceDetail, listInvoices, type InvoiceFilters } from './invoice-verbs.ts';
import { readListQuery, type ListQuery } from './list-query.ts';

/** At most this many invoices in one bulk action. */
export const MAX_BULK = 100;

const buyerStructures = (viewer: Viewer) => {
  const seen = new Map([...structuresAs(viewer, 'accountant'), ...structuresAs(viewer, 'agent')].map((s) => [s.id, s]));
  return [...seen.values()];
};

/** The inbox filters: always one of the viewer's structures, or all of them. */
function inboxFilters(viewer: Viewer, query: ListQuery): InvoiceFilters {
  const mine = buyerStructures(viewer);
  const chosen = mine.find((s) => s.id === query.filters.buyerId)?.id ?? (mine.length === 1 ? mine[0]!.id : undefined);
  return { ...query.filters, buyerId: chosen };
}

async function renderInbox(
  c: Context<AppEnv>,
  viewer: Viewer,
  extra: { bulk?: BulkOutcome; error?: string } = {},
  status: 200 | 400 = 200,
) {
  const deps = c.get('deps');
  const query = readListQuery(c.req.url, 'buyer');
  const filters = inboxFilters(viewer, query);
  const [page, services] = await Promise.all([
    listInvoices(deps, viewer.actor, filters),
    filters.buyerId ? listServices(deps.db, filters.buyerId) : Promise.resolve([]),
  ]);
  return sendPage(
    c,
    <InboxPage
      viewer={viewer}
      page={page}
      query={query}
      structures={buyerStructures(viewer)}
      services={services}
      canAct={structuresAs(viewer, 'accountant').length > 0}
      now={deps.clock.now()}
      bulk={extra.bulk}
      error={extra.error}
    />,
    status,
  );
}

export const inboxRoutes = new Hono<AppEnv>()
  .get('/a-traiter', async (c) => renderInbox(c, await requireViewerWith(c, 'accountant', 'agent')))
  .get('/a-traiter/export.csv', async (c) => {
    const viewer = await requireViewerWith(c, 'accountant', 'agent');
    const filters = inboxFilters(viewer, readListQuery(c.req.url, 'buyer'));
    return csvResponse(c, 'factures-recues.csv', await invoicesCsv(c.get('deps'), viewer.actor, filters));
  })
  .post('/a-traiter/lot', async (c) => {
    const viewer = await requireViewerWith(c, 'accountant');
    const deps = c.get('deps');
    const form = await c.req.parseBody({ all: true });
    verifyCsrf(c, form[CSRF_FIELD]);
    const ids = [...new Set([form['ids']].flat().filter((v): v is string => typeof v === 'string'))];
    if (ids.length === 0) return renderInbox(c, viewer, { error: 'Cochez au moins une facture.' }, 400);
    if (ids.length > MAX_BULK) return renderInbox(c, viewer, { error: `Au plus ${MAX_BULK} factures à la fois.` }, 400);
    const single = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const action = accountantActionOf(single);
    const outcome: BulkOutcome = { label: ACTION_LABELS[action.kind], done: [], failed: [] };
    for (const id of ids) {
      let number = id;
      try {
        number = (await getInvoiceDetail(deps, viewer.actor, id)).number;
        await decideInvoice({ ctx: { deps: deps, actor: viewer.actor }, input: { invoiceId: id, action: action } });
        outcome.done.push(number);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcome.failed.push({ number, message: error.status === 404 ? 'facture introuvable.' : error.message });
      }
    }
    return renderInbox(c, viewer, { bulk: outcome });
  });
