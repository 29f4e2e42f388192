// The 7-1 classification request on the real chain: the worker sends DemandeClassification over mutual TLS to the
// demo ministry, which holds a newer file and answers 7-2 by mail; the hub stores the file. Asked again with that
// file's date, the ministry answers 7-3 (no change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLASSIFICATION } from '../../src/acts/index.ts';
import { currentClassification } from '../../src/acts/queries/classification.ts';
import { createApp } from '../../src/app.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { demoRennesToken } from './harness.ts';

const t = useTestDatabase();
const MINISTRY_FILE = { ...DEMO_CLASSIFICATION, date: '2026-03-02' };
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

beforeAll(async () => {
  chain = await startActsChain(t.handle, {
    mailbox: 'maildir',
    ministry: { ackDelayMs: 100, classification: MINISTRY_FILE },
  });
  app = createApp(chain.deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

async function answered(id: string): Promise<Record<string, unknown>> {
  const end = Date.now() + 60_000;
  for (;;) {
    await chain.readMailbox();
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
    const taken = chain.ministry.received.filter((r) => r.messageName === '035-213502388----7-1_0.xml');
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
