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
import { structuresAs, type Viewer } from '../../web/viewer.ts';
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
import { requestFlowSigning } from '../signing/request-signing.ts';
import { setSigningIdentity, signingIdentityFacts } from '../signing/signing-identities.ts';
import { readPesPj } from '../view/read-pes-pj.ts';
import { CertificatePage } from './certificate-page.tsx';
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

async function showCertificate(
  c: Context<AppEnv>,
  viewer: Viewer,
  extra: { notice?: string; error?: string } = {},
  status: 200 | 400 | 403 | 422 = 200,
) {
  const structures = await Promise.all(
    structuresAs(viewer, 'accountant').map(async (s) => ({
      structureId: s.id,
      structureName: s.name,
      facts: await signingIdentityFacts(depsOf(c).db, s.id),
    })),
  );
  return sendPage(c, <CertificatePage viewer={viewer} structures={structures} {...extra} />, status);
}

/** A form field as text, whether a file was chosen or text pasted. */
async function fieldText(value: unknown): Promise<string> {
  if (typeof value === 'string') return value;
  if (value instanceof File) return value.text();
  return '';
}

async function showFlow(
  c: Context<AppEnv>,
  viewer: Viewer,
  extra: { notice?: string; error?: string } = {},
  status = 200,
) {
  const deps = depsOf(c);
  const flow = await getFlowView(deps, viewer.actor, c.req.param('id') ?? '');
  const page = pageOf(c);
  const lines = await readPesLines(await openFlowFile(deps, viewer.actor, flow.id), {
    offset: (page - 1) * LINES_PAGE_SIZE,
    limit: LINES_PAGE_SIZE,
  });
  return sendPage(c, <FlowPage viewer={viewer} flow={flow} lines={lines} page={page} {...extra} />, status as 200);
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
  .get('/flux-comptables/certificat', async (c) => showCertificate(c, await requireViewerWith(c, 'accountant')))
  .post('/flux-comptables/certificat', async (c) => {
    const viewer = await requireViewerWith(c, 'accountant');
    const form = await c.req.parseBody();
    verifyCsrf(c, typeof form[CSRF_FIELD] === 'string' ? form[CSRF_FIELD] : undefined);
    try {
      const passphrase = await fieldText(form['phrase']);
      const pkcs12 = form['pkcs12'] instanceof File && form['pkcs12'].size > 0 ? form['pkcs12'] : undefined;
      const facts = await setSigningIdentity({
        ctx: { deps: depsOf(c), actor: viewer.actor },
        input: {
          structureId: (await fieldText(form['structureId'])) || undefined,
          ...(pkcs12
            ? { pkcs12: Buffer.from(await pkcs12.arrayBuffer()) }
            : { certificatePem: await fieldText(form['certificat']), privateKeyPem: await fieldText(form['cle']) }),
          ...(passphrase ? { passphrase } : {}),
        },
      });
      return showCertificate(c, viewer, {
        notice: `Certificat enregistré : ${facts.subject}, valide jusqu’au ${facts.validTo.toISOString().slice(0, 10)}.`,
      });
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 401)
        return showCertificate(c, viewer, { error: error.message }, error.status as 422);
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
  .get('/flux-comptables/:id', async (c) => showFlow(c, await accountingViewer(c)))
  .post('/flux-comptables/:id/signer', async (c) => {
    const viewer = await accountingViewer(c);
    const form = await c.req.parseBody();
    verifyCsrf(c, typeof form[CSRF_FIELD] === 'string' ? form[CSRF_FIELD] : undefined);
    try {
      await requestFlowSigning({ ctx: { deps: depsOf(c), actor: viewer.actor }, input: { flowId: c.req.param('id') } });
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 401 && error.status !== 404)
        return showFlow(c, viewer, { error: error.message }, error.status);
      throw error;
    }
    return showFlow(c, viewer, {
      notice:
        'Signature demandée : le hub signe les bordereaux avec le certificat de la collectivité, puis transmet le flux.',
    });
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
