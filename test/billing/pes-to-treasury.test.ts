// The PES Aller of a billing run, as the treasury takes it: a real run on PostgreSQL and Temporal writes the titles
// of the year, the file served by the API is uploaded to the fake DGFiP gateway over real FTP with the accounting
// module's transport (routing commands, then STOR into /entree/), and Hélios answers PES_ACQUIT with the bordereau
// of titles accepted (domain 6, Recette), no error anywhere, for the syndicat's codique, SIRET and budget.
import { Readable, Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structures } from '../../db/schema/directory.ts';
import { createApp } from '../../src/app.ts';
import type { TreasuryEndpoint } from '../../src/accounting/index.ts';
import { downloadReturn, listReturns, pMsgOf, uploadToTreasury } from '../../src/accounting/transport/treasury-ftp.ts';
import { saveMemberTerms } from '../../src/billing/index.ts';
import { syndicatIssuer } from '../../src/billing/runs/syndicat.ts';
import { DEFAULT_BILLING_SETTINGS } from '../../src/billing/settings.ts';
import type { Actor } from '../../src/platform/auth/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
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
  deps = testDeps(t.handle, { temporal: client, taskQueue });
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
}, 120_000);

afterAll(async () => {
  await fake?.stop();
  await worker?.stop();
  await client?.connection.close();
});

async function waitForReturn(name: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = (await listReturns(endpoint)).find((f) => f.name === `ACQUIT_${name}` || f.name === `NACK_${name}`);
    if (found) return found.name;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no acknowledgement of ${name}`);
}

async function download(name: string): Promise<string> {
  const chunks: Buffer[] = [];
  await downloadReturn(endpoint, name, new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) }));
  return Buffer.concat(chunks).toString('latin1');
}

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
    let run: { status: string; pes: { bordereau: number; titles: number } | null };
    const deadline = Date.now() + 8 * 60_000;
    for (;;) {
      run = (await (await api(`/api/billing/runs/${id}`)).json()) as typeof run;
      if (run.status === 'DONE' || run.status === 'FAILED') break;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(run.status).toBe('DONE');
    expect(run.pes).toMatchObject({ bordereau: 1, titles: 61 });

    const res = await api(`/api/billing/years/${YEAR}/pes`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const pes = readPes(new Uint8Array(bytes));
    expect(pes.nomFic).toMatch(/^PESALR2_\d{14}_COT2027_B001$/);
    const wireName = `${pes.nomFic}.xml`;
    const routing = {
      pDest: endpoint.pDest,
      pAppli: endpoint.pAppli,
      pMsg: pMsgOf({ codCol: settings.pesCodCol, idPost: settings.pesIdPost, codBud: settings.pesCodBud }),
    };
    const sent = await uploadToTreasury(endpoint, wireName, bytes.length, routing, async () => Readable.from([bytes]));
    expect(sent.uploaded).toBe(true);
    expect(fake.received.map((f) => f.routing)).toEqual([routing]);

    const answerName = await waitForReturn(wireName);
    const answer = await download(answerName);
    expect(answer).not.toContain('PES_NonAcquit');
    expect(answerName).toBe(`ACQUIT_${wireName}`);
    expect(answer).toContain('<n:PES_ACQUIT');
    expect(answer).toContain(`<NomFic V="${pes.nomFic}"/>`);
    expect(answer).not.toContain('<Erreur>');
    // One element: the bordereau of titles, domain 6 (Recette), accepted.
    expect(answer.match(/<ElementACQUIT>/g)).toHaveLength(1);
    expect(answer).toContain(
      `<ElementACQUIT><DomaineAck V="6"/><EtatAck V="1"/><NumBord V="1"/><ExerciceBord V="${YEAR}"/></ElementACQUIT>`,
    );
  });
});
