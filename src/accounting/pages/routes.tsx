// The accounting pages: the flows, the deposit (streamed to the file store, then depositPes), one flow's view with
// its lines page by page and its PJs, the returns, and the operator's stuck flows. Errors answer French HTML pages.
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { receiveUpload } from '../../platform/files/index.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { type Viewer } from '../../web/viewer.ts';
import { depositingStructures, depositPes } from '../deposit/deposit-pes.ts';
import { PES_FLOW_STATUSES, type PesFlowStatus } from '../domain/statuses.ts';
import {
  getFlowView,
  listFlows,
  listStuckFlows,
  listTreasuryReturns,
  openFlowFile,
  pjBudgetOf,
} from '../queries/flow-pages.ts';
import { accountingSettings, type AccountingDeps } from '../settings.ts';
import { readPesLines } from '../view/read-pes-lines.ts';
import { readPesPj } from '../view/read-pes-pj.ts';
import { PesDepositPage } from './deposit-page.tsx';
import { FlowPage, LINES_PAGE_SIZE } from './flow-page.tsx';
import { FLOWS_PAGE_SIZE, FlowsPage } from './flows-page.tsx';
import { RETURNS_PAGE_SIZE, ReturnsPage } from './returns-page.tsx';
import { StuckFlowsPage } from './stuck-page.tsx';

const pageOf = (c: Context<AppEnv>): number => {
  const n = Number(c.req.query('page') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};

// The app's deps carry the accounting settings when the deployment has any (defaults otherwise).
const depsOf = (c: Context<AppEnv>): AccountingDeps => c.get('deps') as AccountingDeps;

const accountingViewer = (c: Context<AppEnv>) => requireViewerWith(c, 'accountant', 'agent', 'operator');

function depositStructuresOf(viewer: Viewer) {
  const ids = depositingStructures(viewer.actor);
  return viewer.structures.filter((s) => ids.includes(s.id));
}

async function showDeposit(
  c: Context<AppEnv>,
  viewer: Viewer,
  extra: Partial<Parameters<typeof PesDepositPage>[0]> = {},
  status: 200 | 201 | 400 | 403 | 409 | 413 | 415 | 422 = 200,
) {
  const maxMegabytes = accountingSettings(depsOf(c)).maxFileBytes / (1024 * 1024);
  return sendPage(
    c,
    <PesDepositPage viewer={viewer} structures={depositStructuresOf(viewer)} maxMegabytes={maxMegabytes} {...extra} />,
    status,
  );
}

export const accountingPages = new Hono<AppEnv>()
  .get('/flux-comptables', async (c) => {
    const viewer = await accountingViewer(c);
    const query = new URL(c.req.url).searchParams;
    const etat = query.get('etat') ?? '';
    const status = (PES_FLOW_STATUSES as readonly string[]).includes(etat) ? (etat as PesFlowStatus) : undefined;
    const page = pageOf(c);
    const { items, total } = await listFlows(depsOf(c), viewer.actor, {
      status,
      nomFic: (query.get('fichier') ?? '').trim().slice(0, 200) || undefined,
      page,
      pageSize: FLOWS_PAGE_SIZE,
    });
    return sendPage(c, <FlowsPage viewer={viewer} items={items} total={total} page={page} query={query} />);
  })
  .get('/flux-comptables/deposer', async (c) => showDeposit(c, await requireViewerWith(c, 'accountant', 'agent')))
  .post('/flux-comptables/deposer', async (c) => {
    const viewer = await requireViewerWith(c, 'accountant', 'agent');
    const deps = depsOf(c);
    if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
    let received;
    try {
      received = await receiveUpload(c.req.raw, { store: deps.files, kind: 'accounting_flow', fieldName: 'fichier' });
    } catch (error) {
      if (error instanceof AppError && error.status < 500)
        return showDeposit(c, viewer, { error: error.message }, error.status as 400);
      throw error;
    }
    try {
      verifyCsrf(c, received.fields[CSRF_FIELD]);
    } catch (error) {
      await deps.files.delete(received.file.id);
      throw error;
    }
    try {
      const result = await depositPes({
        ctx: { deps, actor: viewer.actor },
        input: {
          fileId: received.file.id,
          structureId: received.fields['structureId'] || undefined,
          channel: 'page',
          sign: received.fields['signer'] === '1',
        },
      });
      return showDeposit(c, viewer, { result }, result.accepted ? 201 : (result.refusal?.status ?? 422));
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 401) {
        await deps.files.delete(received.file.id);
        return showDeposit(c, viewer, { error: error.message }, error.status as 400);
      }
      throw error;
    }
  })
  .get('/flux-comptables/retours', async (c) => {
    const viewer = await accountingViewer(c);
    const query = new URL(c.req.url).searchParams;
    const page = pageOf(c);
    const { items, total } = await listTreasuryReturns(depsOf(c), viewer.actor, {
      page,
      pageSize: RETURNS_PAGE_SIZE,
    });
    return sendPage(c, <ReturnsPage viewer={viewer} items={items} total={total} page={page} query={query} />);
  })
  .get('/flux-comptables/:id', async (c) => {
    const viewer = await accountingViewer(c);
    const deps = depsOf(c);
    const flow = await getFlowView(deps, viewer.actor, c.req.param('id'));
    const page = pageOf(c);
    const lines = await readPesLines(await openFlowFile(deps, viewer.actor, flow.id), {
      offset: (page - 1) * LINES_PAGE_SIZE,
      limit: LINES_PAGE_SIZE,
    });
    return sendPage(c, <FlowPage viewer={viewer} flow={flow} lines={lines} page={page} />);
  })
  .get('/flux-comptables/:id/pj/:pj', async (c) => {
    const viewer = await accountingViewer(c);
    const deps = depsOf(c);
    const stream = await openFlowFile(deps, viewer.actor, c.req.param('id'));
    const pj = await readPesPj(stream, c.req.param('pj'), pjBudgetOf(deps));
    if (!pj) throw notFound('Pièce justificative');
    const safeName = pj.nomPJ.replace(/[^A-Za-z0-9._-]/g, '_');
    return new Response(Readable.toWeb(pj.body) as ReadableStream, {
      headers: {
        'content-type': pj.mimeType,
        'content-disposition': `attachment; filename="${safeName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  })
  .get('/operateur/flux-comptables', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return sendPage(c, <StuckFlowsPage viewer={viewer} flows={await listStuckFlows(depsOf(c), viewer.actor)} />);
  });
