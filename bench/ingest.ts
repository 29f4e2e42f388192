// Ingestion benchmark of a running hub. Real Postgres (a fresh database, created and dropped here), a Temporal
// dev server launched here on SQLite as `hub start` runs it (or TEMPORAL_ADDRESS), and the hub itself as separate
// processes started from its own command line: `hub serve` + `hub worker` (default) or one `hub start`.
// This process only generates the load: it deposits N distinct invoices concurrently through `POST /api/invoices`
// as the demo API client, then prints deposits/s and their latency, invoices/s from deposit to MISE_A_DISPOSITION,
// and the CPU time each process spent per invoice (read from /proc). Prints numbers; asserts nothing.
//
//   npx tsx bench/ingest.ts [--invoices N] [--concurrency C] [--rate R] [--single]
//   --rate R: deposits sent at R per second (open loop, at most C in flight) instead of as fast as C allow.
//   BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" passes Node flags to the hub processes (e.g. to profile them).
//   BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), TEMPORAL_ADDRESS (optional)
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, isNotNull } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { invoices } from '../db/schema/invoices.ts';
import { readAndValidate } from '../src/invoices/deposit/read-and-validate.ts';
import { DEMO_API_CLIENT } from '../src/seed/demo-accounts.ts';
import { freePort } from '../src/platform/net.ts';
import { findTemporalBinary } from '../src/platform/temporal/binary.ts';
import { startDevServer } from '../src/platform/temporal/dev-server.ts';
import { seedAll } from '../src/seed/index.ts';
import { testParties, ublBytes } from '../test/helpers/invoices.ts';
import { commandCpuMs, CpuMeter, processCpuMs } from './cpu.ts';
import { ADMIN_URL, load, log, percentile, runBench, sleep, startHubProcess, type Cleanup } from './hub-process.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a positive integer`);
  return value;
};
const N = arg('--invoices', 2000);
const CONCURRENCY = arg('--concurrency', 32);
const SINGLE = process.argv.includes('--single');
const RATE = process.argv.includes('--rate') ? arg('--rate', 1) : undefined;
const MAD_TIMEOUT_MS = 30 * 60_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
async function run(cleanup: Cleanup): Promise<void> {
  log(
    `bench/ingest: ${N} invoices, concurrency ${CONCURRENCY}${RATE ? `, offered ${RATE}/s` : ''}, hub as ${SINGLE ? 'one `hub start`' : '`hub serve` + `hub worker`'}, ${cpus().length} cores, load average ${load()}`,
  );

  // Postgres: a fresh database of our own, migrated and seeded with the demo directory.
  const dbName = `hub_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  cleanup.push(async () => {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end({ timeout: 5 });
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const database: DatabaseHandle = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 2 });
  cleanup.push(() => database.close());
  await database.migrate();
  await seedAll(database.db);
  const db = database.db;

  // Temporal: the given server, or a dev server of our own on SQLite, as `hub start` launches it.
  let address = process.env.TEMPORAL_ADDRESS;
  let temporalPid: number | undefined;
  if (!address) {
    const binary = findTemporalBinary();
    if (!binary) throw new Error('no temporal binary (PATH, TEMPORAL_CLI_PATH or Go bin); or set TEMPORAL_ADDRESS');
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-temporal-'));
    const server = await startDevServer({ binary, dataDir, namespace: 'default', port: await freePort(), ui: false });
    cleanup.push(async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    address = server.address;
    temporalPid = server.pid;
  }

  // The hub, from its own command line.
  const port = await freePort();
  const env = {
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  const hubProcesses: Record<string, ChildProcess> = {};
  if (SINGLE) {
    hubProcesses['hub start'] = await startHubProcess('start', env, 'Hub prêt', cleanup);
  } else {
    hubProcesses['hub worker'] = await startHubProcess(
      'worker',
      { ...env, LOG_LEVEL: 'info' },
      'worker running',
      cleanup,
    );
    hubProcesses['hub serve'] = await startHubProcess('serve', env, 'Hub prêt', cleanup);
  }
  const base = `http://127.0.0.1:${port}`;

  const tokenResponse = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEMO_API_CLIENT.clientId,
      client_secret: DEMO_API_CLIENT.clientSecret,
    }),
  });
  const token = ((await tokenResponse.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no access token (${tokenResponse.status})`);

  // N distinct invoices from the demo supplier to Rennes (service FIN), built before the clock starts.
  const parties = await testParties(db);
  const runId = randomBytes(3).toString('hex').toUpperCase();
  const files = Array.from({ length: N }, (_, i) =>
    ublBytes({
      supplierSiret: parties.armor.siret,
      supplierName: parties.armor.name,
      buyerSiret: parties.rennes.siret,
      serviceCode: 'FIN',
      number: `BENCH-${runId}-${i}`,
      lineAmounts: ['100.00', '20.50', '3.99'],
    }),
  );
  const deposit = (i: number) =>
    fetch(`${base}/api/invoices?fileName=bench-${i}.xml`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: files[i] as Uint8Array<ArrayBuffer>,
    });
  const size = files.reduce((a, f) => a + f.length, 0) / files.length;
  log(
    `ready: database ${dbName}, Temporal ${address}, hub on ${base}; invoices of ${fmt(size / 1024, 1)} KB; load average ${load()}`,
  );

  const counters: Record<string, () => number> = {};
  for (const [name, child] of Object.entries(hubProcesses)) counters[name] = () => processCpuMs(child.pid!);
  if (temporalPid) counters['temporal dev server'] = () => processCpuMs(temporalPid);
  // A backend that exits during the run (idle pooled connection closed) takes its CPU time along: a lower bound.
  counters['postgres (live backends)'] = () => commandCpuMs('postgres');
  counters['load generator (this process)'] = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const meter = new CpuMeter(counters);

  // Deposit phase.
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let behindSchedule = 0;
  meter.begin();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < files.length; i = next++) {
        if (RATE) {
          const due = began + (i * 1000) / RATE;
          if (due > performance.now()) await sleep(due - performance.now());
          else behindSchedule = Math.max(behindSchedule, performance.now() - due);
        }
        const t0 = performance.now();
        const response = await deposit(i);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const depositSeconds = (performance.now() - began) / 1000;
  const loadAfterDeposits = load();
  const accepted = statuses.get(201) ?? 0;

  // Until every accepted invoice is MISE_A_DISPOSITION, polling the database twice a second.
  let available = 0;
  const deadline = Date.now() + MAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [row] = await db.select({ n: count() }).from(invoices).where(eq(invoices.status, 'MISE_A_DISPOSITION'));
    available = row?.n ?? 0;
    if (available >= accepted) break;
    await sleep(500);
  }
  const cpu = meter.since();
  const perInvoice = await db
    .select({ createdAt: invoices.createdAt, madeAvailableAt: invoices.madeAvailableAt })
    .from(invoices)
    .where(isNotNull(invoices.madeAvailableAt));
  const lastAvailable = Math.max(...perInvoice.map((r) => r.madeAvailableAt!.getTime()));
  const firstCreated = Math.min(...perInvoice.map((r) => r.createdAt.getTime()));
  const endToEndSeconds = (lastAvailable - firstCreated) / 1000;
  const toAvailable = perInvoice.map((r) => r.madeAvailableAt!.getTime() - r.createdAt.getTime());

  // Parse + validate of the same files, alone in this process.
  const sample = files.slice(0, Math.min(200, files.length));
  const p0 = performance.now();
  for (const bytes of sample) await readAndValidate(bytes, { profile: 'fr', maxBytes: 20 * 1024 * 1024 });
  const parseMs = (performance.now() - p0) / sample.length;

  log('');
  log(
    `deposits: ${fmt(N)} in ${fmt(depositSeconds, 1)} s = ${fmt(N / depositSeconds, 1)} deposits/s; HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  if (RATE)
    log(
      `offered ${RATE} deposits/s: at most ${fmt(behindSchedule)} ms behind schedule (${CONCURRENCY} in flight at most)`,
    );
  log(
    `deposit latency (HTTP, client side): p50 ${fmt(percentile(latencies, 0.5))} ms, p90 ${fmt(percentile(latencies, 0.9))} ms, p99 ${fmt(percentile(latencies, 0.99))} ms, max ${fmt(Math.max(...latencies))} ms`,
  );
  log(
    `deposit to MISE_A_DISPOSITION: ${fmt(available)}/${fmt(accepted)}, first deposit to last made available ${fmt(endToEndSeconds, 1)} s = ${fmt(available / endToEndSeconds, 1)} invoices/s; ` +
      `per invoice p50 ${fmt(percentile(toAvailable, 0.5))} ms, p99 ${fmt(percentile(toAvailable, 0.99))} ms`,
  );
  const wallMs = performance.now() - began;
  const totalCpu = Object.values(cpu).reduce((a, b) => a + b, 0);
  log(
    `CPU time from the first deposit to the last invoice made available (${fmt(wallMs / 1000, 1)} s wall, ${cpus().length} cores):`,
  );
  for (const [name, ms] of Object.entries(cpu))
    log(
      `  ${name.padEnd(32)} ${fmt(ms / Math.max(1, accepted), 2).padStart(7)} ms per invoice  (${fmt(ms / wallMs, 2)} cores)`,
    );
  log(
    `  ${'total'.padEnd(32)} ${fmt(totalCpu / Math.max(1, accepted), 2).padStart(7)} ms per invoice  (${fmt(totalCpu / wallMs, 2)} cores)`,
  );
  log(`parse + validate alone, one at a time: ${fmt(parseMs, 2)} ms (${fmt(1000 / parseMs)} invoices/s on one core)`);
  log(`load average: after deposits ${loadAfterDeposits}, at the end ${load()}`);

  // Leave no running workflow on a server we did not launch.
  if (process.env.TEMPORAL_ADDRESS)
    log("TEMPORAL_ADDRESS was given: the bench task queue's workflows stay on that server (terminate them there).");
}

runBench(run);
