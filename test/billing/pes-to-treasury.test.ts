// The PES Aller of a billing run, as the treasury takes it: a real run on PostgreSQL and Temporal writes the titles
// of the year and hands the file to the accounting module, whose checks pass and whose transmission workflow uploads
// it once to the fake DGFiP gateway over real FTP (routing commands, then STOR into /entree/); Hélios answers
// PES_ACQUIT with the bordereau of titles accepted (domain 6, Recette), no error anywhere, for the syndicat's
// codique, SIRET and budget, and the flow ends ACQUITTE. A second run of the year sends nothing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structures } from '../../db/schema/directory.ts';
import { createApp } from '../../src/app.ts';
import type { TreasuryEndpoint } from '../../src/accounting/index.ts';
import { pMsgOf } from '../../src/accounting/transport/treasury-ftp.ts';
import { saveMemberTerms } from '../../src/billing/index.ts';
import { syndicatIssuer } from '../../src/billing/runs/syndicat.ts';
import { DEFAULT_BILLING_SETTINGS } from '../../src/billing/settings.ts';
import type { Actor } from '../../src/platform/auth/index.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { pollUntil } from '../accounting/accounting-harness.ts';
import { FakeTreasury } from '../accounting/fake-treasury.ts';
import { startWorker, uniqueQueue, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { readPes } from './pes-reader.ts';

const t = useTestDatabase();
const YEAR = 2027;
const settings = DEFAULT_BILLING_SETTINGS;
let client: Client;
let deps: AppDeps;
let worker: RunningWorker;
let app: ReturnType<typeof createApp>;
let token: string;
let fake: FakeTreasury;
let endpoint: TreasuryEndpoint;

const api = (path: string, init: RequestInit = {}) =>
  app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

beforeAll(async () => {
  client = await testTemporalClient();
  const taskQueue = uniqueQueue('billing-pes');
  const files = createFileStore({
    db: t.handle.db,
    backend: diskBackend(await mkdtemp(join(tmpdir(), 'billing-pes-files-'))),
  });
  // Hélios knows the syndicat's poste comptable, SIRET and budget as the billing settings give them.
  const issuer = await syndicatIssuer(t.handle.db);
  fake = await FakeTreasury.start({
    accounts: [
      { idPost: settings.pesIdPost, idColl: issuer.siret, codCol: settings.pesCodCol, codBud: settings.pesCodBud },
    ],
  });
  endpoint = {
    url: fake.url,
    entree: '/entree/',
    sortie: '/sortie/',
    pAppli: 'GHELPES2',
    pDest: 'VHPCE11',
    timeoutMs: 10_000,
  };
  deps = {
    ...testDeps(t.handle, { temporal: client, taskQueue, files }),
    accounting: { treasury: endpoint },
  } as AppDeps;
  worker = await startWorker(deps, taskQueue);
  app = createApp(deps);
  const res = await app.request('/api/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'hub-demo-operateur',
      client_secret: 'hub-demo-operateur-secret',
    }).toString(),
  });
  expect(res.status).toBe(200);
  token = ((await res.json()) as { access_token: string }).access_token;
}, 120_000);

afterAll(async () => {
  await fake?.stop();
  await worker?.stop();
  await client?.connection.close();
});

describe('the PES of a billing run at the treasury', { retry: 0, timeout: 600_000 }, () => {
  it('is accepted by Hélios with PES_ACQUIT and no error', async () => {
    // The members whose directory entry requires references get them, so that every EPCI is billed.
    const [syndicat] = await t.handle.db.select().from(structures).where(eq(structures.kind, 'syndicat'));
    const operator: Actor = {
      kind: 'client',
      clientId: 'test-operator',
      grants: [{ role: 'operator', structureId: syndicat!.id }],
      scopes: [],
    };
    const flagged = await t.handle.db
      .select({ id: structures.id })
      .from(structures)
      .where(
        and(
          eq(structures.kind, 'epci'),
          sql`(${structures.serviceCodeRequired} or ${structures.engagementNumberRequired} or ${structures.serviceCodeOrEngagementRequired})`,
        ),
      );
    for (const epci of flagged)
      await saveMemberTerms({
        ctx: { deps, actor: operator },
        input: { structureId: epci.id, serviceCode: 'FIN', engagementNumber: `EJ-${YEAR}-${epci.id.slice(0, 6)}` },
      });

    const started = await api('/api/billing/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: YEAR, dryRun: false }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let run: { status: string; pes: { bordereau: number; titles: number; flowId: string | null } | null };
    const deadline = Date.now() + 8 * 60_000;
    for (;;) {
      run = (await (await api(`/api/billing/runs/${id}`)).json()) as typeof run;
      if (run.status === 'DONE' || run.status === 'FAILED') break;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(run.status).toBe('DONE');
    expect(run.pes).toMatchObject({ bordereau: 1, titles: 61 });

    expect(run.pes).toMatchObject({ bordereau: 1, titles: 61 });
    const flowId = run.pes?.flowId ?? null;
    expect(flowId).toMatch(/^[0-9a-f-]{36}$/);

    // The run handed its PES to the accounting module: checked, sent once over FTP with the routing commands.
    const flow = await pollUntil(
      deps,
      flowId!,
      ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR', 'NON_CONFORME'],
      120_000,
    );
    expect(flow.issues).toEqual([]);
    expect(flow.status).toBe('ACQUITTE');
    expect(flow.channel).toBe('billing');
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!;
    expect(sent.routing).toEqual({
      pDest: endpoint.pDest,
      pAppli: endpoint.pAppli,
      pMsg: pMsgOf({ codCol: settings.pesCodCol, idPost: settings.pesIdPost, codBud: settings.pesCodBud }),
    });
    // What went to the treasury is the year's PES the API serves, under its wire name.
    expect(sent.name).toMatch(/^PESALR2_\d{14}_\d{6}_\d{3}\.xml$/);
    const res = await api(`/api/billing/years/${YEAR}/pes`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const pes = readPes(new Uint8Array(bytes));
    expect(pes.nomFic).toMatch(/^PESALR2_\d{14}_COT2027_B001$/);
    expect(flow.nomFic).toBe(pes.nomFic);

    // Hélios answered PES_ACQUIT: the bordereau of titles, domain 6 (Recette), accepted, no error anywhere.
    // The acknowledgement as the treasury wrote it, kept on the flow (the poller took it from /sortie/).
    const acquit = await api(`/api/accounting/flows/${flowId}/acquit`);
    expect(acquit.status).toBe(200);
    const answer = Buffer.from(await acquit.arrayBuffer()).toString('latin1');
    expect(answer).toContain('<n:PES_ACQUIT');
    expect(answer).toContain(`<NomFic V="${pes.nomFic}"/>`);
    expect(answer).not.toContain('<Erreur>');
    expect(answer.match(/<ElementACQUIT>/g)).toHaveLength(1);
    expect(answer).toContain(
      `<ElementACQUIT><DomaineAck V="6"/><EtatAck V="1"/><NumBord V="1"/><ExerciceBord V="${YEAR}"/></ElementACQUIT>`,
    );
    const report = (await (await api(`/api/billing/runs/${id}`)).json()) as { pes: { flowStatus: string } };
    expect(report.pes.flowStatus).toBe('ACQUITTE');

    // The same year again: nothing new issued, no second PES, nothing more sent to the treasury.
    const again = await api('/api/billing/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: YEAR, dryRun: false }),
    });
    const { id: secondId } = (await again.json()) as { id: string };
    let second: { status: string; pes: unknown };
    for (;;) {
      second = (await (await api(`/api/billing/runs/${secondId}`)).json()) as typeof second;
      if (second.status === 'DONE' || second.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(second).toMatchObject({ status: 'DONE', pes: null });
    expect(fake.received).toHaveLength(1);
  });
});
