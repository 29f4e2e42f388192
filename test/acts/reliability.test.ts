// Reliability of the transmission on the real chain (worker, demo ministry over mutual TLS, Maildir answers):
// the ministry's 503s are retried with backoff until one archive is taken; an answer mail delivered twice makes
// one event.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actEvents } from '../../db/schema/acts.ts';
import { deliverToMaildir, httpsMinistryClient, openMaildirMailbox, type ActsDeps } from '../../src/acts/index.ts';
import { createActivities } from '../../src/activities.ts';
import { createApp } from '../../src/app.ts';
import { startDemoMinistry, type DemoMinistry } from '../../src/demo-ministry/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { actForm, actsTestDeps, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
const maildir = mkdtempSync(join(tmpdir(), 'hub-acts-maildir-'));
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
  });
  client = await testTemporalClient();
  const taskQueue = `acts-rel-${randomBytes(4).toString('hex')}`;
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

async function untilStatus(id: string, status: string): Promise<void> {
  const end = Date.now() + 60_000;
  for (;;) {
    await createActivities(deps).actsReadMailbox();
    const act = (await (await app.request(`/api/acts/${id}`, { headers: auth })).json()) as { status: string };
    if (act.status === status) return;
    if (Date.now() > end) throw new Error(`act ${id} still ${act.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('act transmission reliability', () => {
  it(
    'retries the ministry’s 503s with backoff, one archive taken; the same answer mail twice makes one event',
    { timeout: 90_000 },
    async () => {
      ministry.failNext = 2;
      const res = await app.request('/api/acts', {
        method: 'POST',
        headers: auth,
        body: actForm(metadata('F2026_001'), samplePdf()),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      await untilStatus(id, 'ACQUITTE');
      expect(ministry.failNext).toBe(0);
      expect(ministry.uploads).toBe(3);
      expect(ministry.received.filter((r) => r.acte)).toHaveLength(1);

      // The acknowledgement delivered again, as a mail server might after a crash.
      const handled = (await readdir(join(maildir, 'cur'))).sort();
      expect(handled.length).toBeGreaterThan(0);
      for (const name of handled)
        await deliverToMaildir(maildir, await readFile(join(maildir, 'cur', name)), `again-${name.split(':')[0]}`);
      await createActivities(deps).actsReadMailbox();
      const acks = await t.handle.db
        .select()
        .from(actEvents)
        .where(and(eq(actEvents.actId, id), eq(actEvents.kind, 'acknowledged')));
      expect(acks).toHaveLength(1);
    },
  );
});
