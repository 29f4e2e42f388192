// The 7-1 classification request on the real chain: the worker sends DemandeClassification over mutual TLS to the
// demo ministry, which holds a newer file and answers 7-2 by mail; the hub stores the file. Asked again with that
// file's date, the ministry answers 7-3 (no change).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEMO_CLASSIFICATION,
  deliverToMaildir,
  httpsMinistryClient,
  openMaildirMailbox,
} from '../../src/acts/index.ts';
import type { ActsDeps } from '../../src/acts/index.ts';
import { currentClassification } from '../../src/acts/queries/classification.ts';
import { createActivities } from '../../src/activities.ts';
import { createApp } from '../../src/app.ts';
import { startDemoMinistry, type DemoMinistry } from '../../src/demo-ministry/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { actsTestDeps, demoRennesToken } from './harness.ts';

const t = useTestDatabase();
const maildir = mkdtempSync(join(tmpdir(), 'hub-acts-classif-'));
const MINISTRY_FILE = { ...DEMO_CLASSIFICATION, date: '2026-03-02' };
let ministry: DemoMinistry;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let deps: ActsDeps;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

beforeAll(async () => {
  ministry = await startDemoMinistry({
    deliver: (raw) => deliverToMaildir(maildir, raw, `${Date.now()}.${randomBytes(6).toString('hex')}.m`),
    ackDelayMs: 100,
    classification: MINISTRY_FILE,
  });
  client = await testTemporalClient();
  const taskQueue = `acts-classif-${randomBytes(4).toString('hex')}`;
  deps = actsTestDeps(t.handle, {
    temporal: client,
    taskQueue,
    acts: {
      settings: { trigram: 'HUB', application: 'EACT', pollSeconds: 1 },
      returnAddress: 'actes@demo.hub.bzh',
      ministry: httpsMinistryClient({
        url: ministry.url,
        cert: ministry.clientCert,
        key: ministry.clientKey,
        ca: ministry.ca,
      }),
      openMailbox: () => openMaildirMailbox(maildir),
    },
  });
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await createHubWorker({ connection, namespace: 'default', taskQueue, activities: createActivities(deps) });
  running = worker.run();
  app = createApp(deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await client?.connection.close();
  await ministry?.close();
});

async function answered(id: string): Promise<Record<string, unknown>> {
  const end = Date.now() + 60_000;
  for (;;) {
    await createActivities(deps).actsReadMailbox();
    const res = await app.request(`/api/acts/classification-requests/${id}`, { headers: auth });
    expect(res.status).toBe(200);
    const request = (await res.json()) as Record<string, unknown>;
    if (request.status === 'REPONDUE') return request;
    if (Date.now() > end) throw new Error(`request ${id} still ${String(request.status)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const ask = async (body: unknown) => {
  const res = await app.request('/api/acts/classification-requests', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

describe('classification request (7-1)', () => {
  it('sends 7-1 with the file in use, stores the 7-2 answer, then gets 7-3 for an unchanged file', async () => {
    const rennes = await t.handle.db.query.structures.findFirst({ where: (s, { eq }) => eq(s.siren, '213502388') });
    expect((await currentClassification(t.handle.db, rennes!.id))?.date).toBe(DEMO_CLASSIFICATION.date);

    const first = await ask({});
    const got = await answered(first);
    expect(got).toMatchObject({
      inUseDate: DEMO_CLASSIFICATION.date,
      answer: '7-2',
      classificationDate: '2026-03-02',
      archiveName: expect.stringMatching(/^HUB-EACT--213502388--\d{8}-\d+\.tar\.gz$/),
    });
    const taken = ministry.received.filter((r) => r.messageName === '035-213502388----7-1_0.xml');
    expect(taken.map((r) => r.archiveName)).toEqual([got.archiveName]);
    expect((await currentClassification(t.handle.db, rennes!.id))?.date).toBe('2026-03-02');

    const second = await answered(await ask({}));
    expect(second).toMatchObject({ inUseDate: '2026-03-02', answer: '7-3', classificationDate: '2026-03-02' });
    expect((await currentClassification(t.handle.db, rennes!.id))?.date).toBe('2026-03-02');
  }, 120_000);

  it('is asked through S²LOW’s actes_classification_request.php too (OK and a message), answered 7-3', async () => {
    const res = await app.request('/modules/actes/actes_classification_request.php?api=1', { headers: auth });
    const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
    const id = /^OK\nDemande de classification envoyée \(([0-9a-f-]{36})\)\.\n$/.exec(text)?.[1];
    expect(id, text).toBeDefined();
    expect(await answered(id!)).toMatchObject({ inUseDate: '2026-03-02', answer: '7-3' });
  }, 90_000);

  it('hides a request from someone who is not an agent of its collectivity', async () => {
    const res = await app.request('/api/acts/classification-requests/00000000-0000-4000-8000-000000000000', {
      headers: auth,
    });
    expect(res.status).toBe(404);
  });
});
