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
import { InboxPage, type BulkOutcome, type BulkPosted } from './inbox-page.tsx';
import { invoicesCsv } from './invoice-csv.ts';
import { accountantActionOf } from './decision-form.ts';
import {
  ACTION_LABELS,
  decideInvoice,
  getInvoiceDetail,
  listInvoices,
  MOTIVE_MAX_LENGTH,
  type InvoiceFilters,
} from './invoice-verbs.ts';
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
  extra: { bulk?: BulkOutcome; error?: string; posted?: BulkPosted } = {},
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
      posted={extra.posted}
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
    const single = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const posted = readBulkForm(ids, single);
    if (posted.errors.length > 0) return renderInbox(c, viewer, { posted }, 400);
    const action = accountantActionOf(single);
    // A rejection is final: the batch is shown again with its numbers, and nothing happens until confirmed.
    if (action.kind === 'REJETEE' && single['confirm'] !== 'oui') {
      const numbers: string[] = [];
      for (const id of ids) numbers.push(await numberOf(deps, viewer, id));
      return renderInbox(c, viewer, { posted: { ...posted, confirmReject: numbers } });
    }
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

/** The number of an invoice of the selection, or its id when it is not visible (the run will say so). */
async function numberOf(deps: AppEnv['Variables']['deps'], viewer: Viewer, id: string): Promise<string> {
  try {
    return (await getInvoiceDetail(deps, viewer.actor, id)).number;
  } catch (error) {
    if (error instanceof AppError) return id;
    throw error;
  }
}

const BULK_KINDS = new Set(['SERVICE_FAIT', 'SUSPENDUE', 'REJETEE', 'MISE_EN_PAIEMENT']);

/** The bulk form as posted, and what must be corrected before any invoice is touched (the selection is kept). */
function readBulkForm(ids: string[], form: Record<string, unknown>): BulkPosted {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const posted: BulkPosted = {
    ids: ids.slice(0, MAX_BULK),
    kind: text('kind'),
    motive: text('motive'),
    paymentDate: text('paymentDate'),
    errors: [],
  };
  if (ids.length === 0) posted.errors.push({ field: 'ids', message: 'Cochez au moins une facture.' });
  if (ids.length > MAX_BULK) posted.errors.push({ field: 'ids', message: `Au plus ${MAX_BULK} factures à la fois.` });
  if (!BULK_KINDS.has(posted.kind)) posted.errors.push({ field: 'kind', message: 'Choisissez l’action à appliquer.' });
  if (posted.kind === 'SUSPENDUE' || posted.kind === 'REJETEE') {
    const motive = posted.motive.trim();
    if (motive === '')
      posted.errors.push({
        field: 'motive',
        message: `Motif : obligatoire pour ${posted.kind === 'REJETEE' ? 'rejeter' : 'suspendre'} ; le fournisseur le lira.`,
      });
    else if ([...motive].length > MOTIVE_MAX_LENGTH)
      posted.errors.push({ field: 'motive', message: `Motif : ${MOTIVE_MAX_LENGTH} caractères au plus.` });
  }
  if (posted.kind === 'MISE_EN_PAIEMENT' && !/^\d{4}-\d{2}-\d{2}$/.test(posted.paymentDate))
    posted.errors.push({ field: 'paymentDate', message: 'Date de mise en paiement : choisissez une date.' });
  return posted;
}
