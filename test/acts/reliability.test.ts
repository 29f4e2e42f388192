// Reliability of the transmission on the real chain (worker, demo ministry over mutual TLS, Maildir answers):
// the ministry's 503s are retried with backoff until one archive is taken; an answer mail delivered twice makes
// one event; a worker killed between the ministry's 200 and the record leaves one archive at the ministry.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actEvents, acts } from '../../db/schema/acts.ts';
import { actesAttr, deliverToMaildir } from '../../src/acts/index.ts';
import { createActivities } from '../../src/activities.ts';
import { createApp } from '../../src/app.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';
import { urlForDatabase } from '../helpers/test-database.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { actForm, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
const source = inject('testDatabase');
const filesRoot = mkdtempSync(join(tmpdir(), 'hub-acts-rel-files-'));
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;
let child: ChildProcess | undefined;
let replacement: { worker: Worker; running: Promise<void> } | undefined;

beforeAll(async () => {
  chain = await startActsChain(t.handle, {
    mailbox: 'maildir',
    ministry: { ackDelayMs: 100 },
    deps: { files: createFileStore({ db: t.handle.db, backend: diskBackend(filesRoot) }) },
  });
  app = createApp(chain.deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  replacement?.worker.shutdown();
  await replacement?.running;
  await chain?.stop();
});

async function untilStatus(id: string, status: string, on = app): Promise<void> {
  const end = Date.now() + 90_000;
  for (;;) {
    await chain.readMailbox();
    const act = (await (await on.request(`/api/acts/${id}`, { headers: auth })).json()) as { status: string };
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
      chain.ministry.failNext = 2;
      const res = await app.request('/api/acts', {
        method: 'POST',
        headers: auth,
        body: actForm(metadata('F2026_001'), samplePdf()),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      await untilStatus(id, 'ACQUITTE');
      expect(chain.ministry.failNext).toBe(0);
      expect(chain.ministry.uploads).toBe(3);
      expect(chain.ministry.received.filter((r) => r.acte)).toHaveLength(1);

      // The acknowledgement delivered again, as a mail server might after a crash.
      const handled = (await readdir(join(chain.maildir, 'cur'))).sort();
      expect(handled.length).toBeGreaterThan(0);
      for (const name of handled)
        await deliverToMaildir(
          chain.maildir,
          await readFile(join(chain.maildir, 'cur', name)),
          `again-${name.split(':')[0]}`,
        );
      await chain.readMailbox();
      const acks = await t.handle.db
        .select()
        .from(actEvents)
        .where(and(eq(actEvents.actId, id), eq(actEvents.kind, 'acknowledged')));
      expect(acks).toHaveLength(1);
    },
  );

  it.skipIf(skipUnlessCi(source.mode !== 'postgres', 'base de test PostgreSQL'))(
    'a worker killed after the ministry took the archive and before the record: another sends it again, one transmission',
    { timeout: 240_000 },
    async () => {
      // A task queue of its own, so that only the worker about to be killed takes this act's work.
      const killQueue = `acts-kill-${randomBytes(4).toString('hex')}`;
      const killDeps = { ...chain.deps, taskQueue: killQueue };
      const killApp = createApp(killDeps);
      const [{ name }] = (await t.handle.db.execute(sql`select current_database() as name`)) as unknown as [
        { name: string },
      ];
      child = await spawnDyingWorker(urlForDatabase((source as { adminUrl: string }).adminUrl, name), killQueue);
      const uploaded = new Promise<string>((resolve) =>
        child!.stdout!.on('data', (chunk: Buffer) => {
          const line = /uploaded (\S+)/.exec(chunk.toString());
          if (line) resolve(line[1]!);
        }),
      );
      const uploadsBefore = chain.ministry.uploads;

      const res = await killApp.request('/api/acts', {
        method: 'POST',
        headers: auth,
        body: actForm(metadata('K2026_001'), samplePdf()),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const archiveName = await uploaded;
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      // The ministry has the archive, the hub has not recorded it.
      expect(chain.ministry.received.filter((r) => r.archiveName === archiveName)).toHaveLength(1);
      const [unrecorded] = await t.handle.db.select().from(acts).where(eq(acts.id, id));
      expect(unrecorded).toMatchObject({ archiveName, sentAt: null, status: 'EN_ATTENTE_TRANSMISSION' });

      const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
      const next = await createHubWorker({
        connection,
        namespace: 'default',
        taskQueue: killQueue,
        activities: createActivities(killDeps),
      });
      replacement = { worker: next, running: next.run() };
      await untilStatus(id, 'ACQUITTE', killApp);

      // The same archive (name and bytes) posted again and taken once: one transmission, one acknowledgement.
      expect(chain.ministry.uploads - uploadsBefore).toBe(2);
      expect(chain.ministry.received.filter((r) => r.archiveName === archiveName)).toHaveLength(1);
      expect(chain.ministry.received.filter((r) => actesAttr(r.acte!, 'NumeroInterne') === 'K2026_001')).toHaveLength(
        1,
      );
      const steps = await t.handle.db.select().from(actEvents).where(eq(actEvents.actId, id));
      expect(steps.map((e) => e.kind)).toEqual(['created', 'sent', 'acknowledged']);
    },
  );
});

/** The worker of worker-process.ts, on this test's database, file store, ministry and Maildir. */
async function spawnDyingWorker(dbUrl: string, taskQueue: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      ACTS_DB_URL: dbUrl,
      ACTS_TEMPORAL_ADDRESS: inject('temporalAddress'),
      ACTS_TASK_QUEUE: taskQueue,
      ACTS_FILES_ROOT: filesRoot,
      ACTS_MINISTRY_URL: chain.ministry.url,
      ACTS_MINISTRY_CERT: chain.ministry.clientCert,
      ACTS_MINISTRY_KEY: chain.ministry.clientKey,
      ACTS_MINISTRY_CA: chain.ministry.ca,
      ACTS_MAILDIR: chain.maildir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    proc.once('exit', (code) => reject(new Error(`worker process exited (${code}): ${errors}`)));
  });
  return proc;
}
