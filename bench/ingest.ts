// Ingestion benchmark of a running hub: real Postgres (a fresh database, created and dropped here), a Temporal
// server (a dev server launched here, or TEMPORAL_ADDRESS), a real worker, the HTTP app on a free port. Deposits N
// distinct invoices concurrently through `POST /api/invoices` as the demo API client, then measures deposits/s and
// their latency, invoices/s from deposit to MISE_A_DISPOSITION, and where a deposit's time goes (probes wrapped
// around the database transaction and the workflow start, and parse + validate timed on the same files apart).
// Prints numbers; asserts nothing. The load generator shares the process, and the machine's cores, with the hub.
//
//   npx tsx bench/ingest.ts [--invoices N] [--concurrency C]
//   BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), TEMPORAL_ADDRESS (optional)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { count, eq, isNotNull } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { invoices } from '../db/schema/invoices.ts';
import { createActivities } from '../src/activities.ts';
import { createApp } from '../src/app.ts';
import { readAndValidate } from '../src/invoices/deposit/read-and-validate.ts';
import type { InvoiceDeps } from '../src/invoices/index.ts';
import { DEMO_API_CLIENT } from '../src/platform/auth/index.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/logging.ts';
import { freePort } from '../src/platform/net.ts';
import { findTemporalBinary } from '../src/platform/temporal/binary.ts';
import { connectClient } from '../src/platform/temporal/connection.ts';
import { startDevServer, type DevServer } from '../src/platform/temporal/dev-server.ts';
import { createHubWorker } from '../src/platform/temporal/worker.ts';
import { seedAll } from '../src/seed.ts';
import { testParties, ublBytes } from '../test/helpers/invoices.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a positive integer`);
  return value;
};
const N = arg('--invoices', 2000);
const CONCURRENCY = arg('--concurrency', 32);
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MAD_TIMEOUT_MS = 15 * 60_000;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (line: string) => console.log(line);

/** Durations recorded around one step, without changing what the step does. */
class Probe {
  readonly samples: number[] = [];
  wrap<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      const t0 = performance.now();
      try {
        return await fn(...args);
      } finally {
        this.samples.push(performance.now() - t0);
      }
    };
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cleanup: (() => Promise<unknown>)[] = [];
  const runCleanup = async () => {
    for (const step of cleanup.reverse()) await step().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
  };
  try {
    await run(cleanup);
  } finally {
    await runCleanup();
  }
}

async function run(cleanup: (() => Promise<unknown>)[]): Promise<void> {
  log(`bench/ingest: ${N} invoices, concurrency ${CONCURRENCY}, ${cpus().length} cores, load average ${load()}`);

  // Postgres: a fresh database of our own.
  const dbName = `hub_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  cleanup.push(async () => {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end({ timeout: 5 });
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const database: DatabaseHandle = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 20 });
  cleanup.push(() => database.close());
  await database.migrate();
  await seedAll(database.db);

  // Temporal: the given server, or a dev server of our own (SQLite in a temporary folder).
  let address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    const binary = findTemporalBinary();
    if (!binary) throw new Error('no temporal binary (PATH, TEMPORAL_CLI_PATH or Go bin); or set TEMPORAL_ADDRESS');
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-temporal-'));
    const server: DevServer = await startDevServer({ binary, dataDir, namespace: 'default', ui: false });
    cleanup.push(async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    address = server.address;
  }
  const temporal: Client = await connectClient({ address, namespace: 'default' });
  cleanup.push(() => temporal.connection.close());
  const taskQueue = `bench-${randomBytes(4).toString('hex')}`;

  // Probes: the deposit's transaction (invoice, event, deposit rows and the workflow start inside it) and the start alone.
  const transactionProbe = new Probe();
  const startProbe = new Probe();
  const handlerProbe = new Probe();
  const db = database.db;
  db.transaction = transactionProbe.wrap(db.transaction.bind(db)) as typeof db.transaction;
  temporal.workflow.start = startProbe.wrap(temporal.workflow.start.bind(temporal.workflow)) as typeof temporal.workflow.start;

  const deps: InvoiceDeps = {
    db,
    clock: systemClock,
    logger: createLogger('error'),
    secureCookies: false,
    temporal,
    temporalNamespace: 'default',
    taskQueue,
    pingDb: () => database.ping(),
  };

  // A real worker, as `hub worker` runs it: its own database pool, so that the probes see the deposits only.
  const workerDatabase = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 10 });
  cleanup.push(() => workerDatabase.close());
  const connection = await NativeConnection.connect({ address });
  const worker = await createHubWorker({ connection, namespace: 'default', taskQueue, activities: createActivities({ ...deps, db: workerDatabase.db }) });
  const running = worker.run();
  cleanup.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  });

  // The HTTP app on a free port; its handler time is probed too.
  const app = createApp(deps);
  const port = await freePort();
  const fetchHandler = handlerProbe.wrap(async (request: Request) => app.fetch(request));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: fetchHandler, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve(undefined))));
  const base = `http://127.0.0.1:${port}`;

  const tokenResponse = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId, client_secret: DEMO_API_CLIENT.clientSecret }),
  });
  const token = ((await tokenResponse.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no access token (${tokenResponse.status})`);

  // N distinct invoices from the demo supplier to Rennes (service FIN), built before the clock starts.
  const parties = await testParties(db);
  const run = randomBytes(3).toString('hex').toUpperCase();
  const files = Array.from({ length: N }, (_, i) =>
    ublBytes({
      supplierSiret: parties.armor.siret,
      supplierName: parties.armor.name,
      buyerSiret: parties.rennes.siret,
      serviceCode: 'FIN',
      number: `BENCH-${run}-${i}`,
      lineAmounts: ['100.00', '20.50', '3.99'],
    }),
  );
  const size = mean(files.map((f) => f.length));
  log(`ready: Postgres database ${dbName}, Temporal ${address}, hub on ${base}; invoices of ${fmt(size / 1024, 1)} KB; load average ${load()}`);

  // Deposit phase.
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < files.length) {
        const i = next++;
        const t0 = performance.now();
        const response = await fetch(`${base}/api/invoices?fileName=bench-${i}.xml`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
          body: files[i] as Uint8Array<ArrayBuffer>,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const depositSeconds = (performance.now() - began) / 1000;
  const loadAfterDeposits = load();
  const accepted = statuses.get(201) ?? 0;

  // Until every accepted invoice is MISE_A_DISPOSITION (the worker's first activities), polling the database.
  let available = 0;
  const deadline = Date.now() + MAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [row] = await db.select({ n: count() }).from(invoices).where(eq(invoices.status, 'MISE_A_DISPOSITION'));
    available = row?.n ?? 0;
    if (available >= accepted) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const endToEndSeconds = (performance.now() - began) / 1000;
  const perInvoice = await db.select({ createdAt: invoices.createdAt, madeAvailableAt: invoices.madeAvailableAt }).from(invoices).where(isNotNull(invoices.madeAvailableAt));
  const toAvailable = perInvoice.map((r) => r.madeAvailableAt!.getTime() - r.createdAt.getTime());

  // Parse + validate of the same files, alone on one core.
  const sample = files.slice(0, Math.min(200, files.length));
  const p0 = performance.now();
  for (const bytes of sample) await readAndValidate(bytes, { profile: 'fr', maxBytes: 20 * 1024 * 1024 });
  const parseMs = (performance.now() - p0) / sample.length;

  const transactionMs = mean(transactionProbe.samples);
  const startMs = mean(startProbe.samples);
  const handlerMs = mean(handlerProbe.samples.slice(1)); // the first one is the token request
  log('');
  log(`deposits: ${fmt(N)} in ${fmt(depositSeconds, 1)} s = ${fmt(N / depositSeconds, 1)} deposits/s; HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  log(`deposit latency (HTTP, client side): p50 ${fmt(percentile(latencies, 0.5))} ms, p99 ${fmt(percentile(latencies, 0.99))} ms, max ${fmt(Math.max(...latencies))} ms`);
  log(
    `deposit to MISE_A_DISPOSITION: ${fmt(available)}/${fmt(accepted)} in ${fmt(endToEndSeconds, 1)} s = ${fmt(available / endToEndSeconds, 1)} invoices/s; ` +
      `per invoice p50 ${fmt(percentile(toAvailable, 0.5))} ms, p99 ${fmt(percentile(toAvailable, 0.99))} ms`,
  );
  log(`where a deposit's time goes (mean per deposit, under load, concurrency ${CONCURRENCY}):`);
  log(`  server handler (auth, body, verb, response)   ${fmt(handlerMs, 1)} ms`);
  log(`  transaction (3 inserts + workflow start)     ${fmt(transactionMs, 1)} ms`);
  log(`    of which Temporal workflow start           ${fmt(startMs, 1)} ms  (p99 ${fmt(percentile(startProbe.samples, 0.99), 1)} ms)`);
  log(`    of which database                          ${fmt(transactionMs - startMs, 1)} ms`);
  log(`  rest of the handler (token, supplier, blob, routing queries; parse + validate; waiting for the CPU) ${fmt(handlerMs - transactionMs, 1)} ms`);
  log(`  parse + validate alone, one at a time        ${fmt(parseMs, 2)} ms (${fmt(1000 / parseMs)} invoices/s on one core)`);
  log(`load average: after deposits ${loadAfterDeposits}, at the end ${load()}`);

  // Leave no running workflow on a server we did not launch.
  if (process.env.TEMPORAL_ADDRESS) {
    const ids = await db.select({ workflowId: invoices.workflowId }).from(invoices);
    let k = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (k < ids.length) await temporal.workflow.getHandle(ids[k++]!.workflowId).terminate('bench over').catch(() => undefined);
      }),
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
