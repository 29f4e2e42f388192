// Ingestion benchmark of a running hub. Real Postgres (a fresh database, created and dropped here), a Temporal
// server, and the hub itself as separate processes started from its own command line. Two topologies:
//   dev (default): a Temporal dev server launched here on SQLite as `hub start` runs it (or TEMPORAL_ADDRESS), and
//     `hub serve` + `hub worker` (or one `hub start` with --single);
//   postgres: the production topology of bench/topology.ts, a Temporal server on PostgreSQL (ops/temporal-server)
//     with S × `hub serve` and W × `hub worker` (2 and 2).
// First, on the same Temporal server, the Temporal floor (bench/floor.ts: N bare workflows, as many worker processes
// as the hub has); then this process generates the load: it deposits N distinct invoices concurrently through
// `POST /api/invoices` as the demo API client (spread over the serve processes), and prints deposits/s and their
// latency, invoices/s from deposit to MISE_A_DISPOSITION, the CPU time each process spent per invoice (read from
// /proc; Postgres backends of our own databases only), the row writes and growth of each database per invoice, and
// the hub's ratio to the floor measured in this run. Prints numbers; asserts nothing.
//
//   npx tsx bench/ingest.ts [--invoices N] [--concurrency C] [--rate R] [--single]
//                           [--topology dev|postgres] [--serves S] [--workers W] [--no-floor]
//   --rate R: deposits sent at R per second (open loop, at most C in flight) instead of as fast as C allow.
//   BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" passes Node flags to the hub processes (e.g. to profile them).
//   BENCH_HUB_LOG_DIR=DIR keeps what each hub process logs (warnings and errors) in DIR.
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
import { freePort } from '../src/platform/net.ts';
import { findTemporalBinary } from '../src/platform/temporal/binary.ts';
import { startDevServer } from '../src/platform/temporal/dev-server.ts';
import { seedAll } from '../src/seed/index.ts';
import { testParties, ublBytes } from '../test/helpers/invoices.ts';
import { CpuMeter, processCpuMs } from './cpu.ts';
import { BackendCpu, countersDelta, databaseCounters, STATS_FLUSH_MS, type DatabaseCounters } from './db-stats.ts';
import { floorReport, measureFloor, type FloorResult } from './floor.ts';
import {
  ADMIN_URL,
  apiToken,
  load,
  log,
  percentile,
  runBench,
  sleep,
  startHubProcess,
  type Cleanup,
} from './hub-process.ts';
import { startTopology } from './topology.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a positive integer`);
  return value;
};
const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = arg('--invoices', 2000);
const CONCURRENCY = arg('--concurrency', 32);
const SINGLE = process.argv.includes('--single');
const RATE = process.argv.includes('--rate') ? arg('--rate', 1) : undefined;
const TOPOLOGY = option('--topology', 'dev');
if (TOPOLOGY !== 'dev' && TOPOLOGY !== 'postgres') throw new Error('--topology expects dev or postgres');
const POSTGRES = TOPOLOGY === 'postgres';
const SERVES = POSTGRES ? arg('--serves', 2) : 1;
const WORKERS = POSTGRES ? arg('--workers', 2) : 1;
const FLOOR = !process.argv.includes('--no-floor');
const MAD_TIMEOUT_MS = 30 * 60_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** What a run needs of its topology, whichever it is. */
interface Running {
  db: DatabaseHandle['db'];
  address: string;
  serveUrls: string[];
  hubProcesses: Record<string, ChildProcess>;
  hubDatabase: string;
  /** Temporal's own databases (postgres topology), else none. */
  temporalDatabases: string[];
  temporalPid: number | undefined;
  temporalName: string;
}

async function devTopology(cleanup: Cleanup): Promise<Running> {
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
  return {
    db: database.db,
    address,
    serveUrls: [`http://127.0.0.1:${port}`],
    hubProcesses,
    hubDatabase: dbName,
    temporalDatabases: [],
    temporalPid,
    temporalName: 'temporal dev server',
  };
}

async function postgresTopology(cleanup: Cleanup): Promise<Running> {
  const topology = await startTopology({ serves: SERVES, workers: WORKERS }, cleanup);
  const hubProcesses: Record<string, ChildProcess> = {};
  topology.serves.forEach((child, k) => (hubProcesses[`hub serve ${k + 1}`] = child));
  topology.workers.forEach((child, k) => (hubProcesses[`hub worker ${k + 1}`] = child));
  return {
    db: topology.database.db,
    address: topology.temporal.address,
    serveUrls: topology.serveUrls,
    hubProcesses,
    hubDatabase: topology.hubDatabase,
    temporalDatabases: topology.temporalDatabases,
    temporalPid: topology.temporal.pid,
    temporalName: 'temporal server (postgres)',
  };
}

/** Rows written and bytes grown per unit, for each database. */
function writeLines(
  per: number,
  unit: string,
  before: Map<string, DatabaseCounters>,
  after: Map<string, DatabaseCounters>,
  label: (name: string) => string,
): string[] {
  return [...after.entries()].map(([name, end]) => {
    const d = countersDelta(before.get(name)!, end);
    return `  ${label(name).padEnd(32)} ${fmt(d.inserted / per, 1)} rows inserted, ${fmt(d.updated / per, 1)} updated, ${fmt(d.deleted / per, 1)} deleted, ${fmt(d.commits / per, 1)} transactions (reads included), ${fmt(d.bytes / per / 1024, 1)} KB grown per ${unit}`;
  });
}

async function run(cleanup: Cleanup): Promise<void> {
  log(
    `bench/ingest: ${N} invoices, concurrency ${CONCURRENCY}${RATE ? `, offered ${RATE}/s` : ''}, topology ${TOPOLOGY}, hub as ${SINGLE ? 'one `hub start`' : `${SERVES} × \`hub serve\` + ${WORKERS} × \`hub worker\``}, ${cpus().length} cores, load average ${load()}`,
  );
  const running = POSTGRES ? await postgresTopology(cleanup) : await devTopology(cleanup);
  const { db, address } = running;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  cleanup.push(() => admin.end({ timeout: 5 }));
  const label = (name: string) => (name === running.hubDatabase ? 'hub database' : `temporal database ${name}`);
  const allDatabases = [running.hubDatabase, ...running.temporalDatabases];

  // The floor first, on the same Temporal server, with the hub's processes started and idle.
  let floor: FloorResult | undefined;
  if (FLOOR) {
    const temporalBackends = new BackendCpu(admin, running.temporalDatabases);
    await temporalBackends.begin();
    const floorOptions = {
      address,
      taskQueue: `floor-${randomBytes(4).toString('hex')}`,
      workflows: N,
      concurrency: CONCURRENCY,
      workers: WORKERS,
      serverCpu: {
        ...(running.temporalPid ? { [running.temporalName]: () => processCpuMs(running.temporalPid!) } : {}),
        ...(running.temporalDatabases.length > 0
          ? { 'postgres (temporal backends)': () => temporalBackends.since() }
          : {}),
      },
    };
    const before = await databaseCounters(admin, running.temporalDatabases);
    floor = await measureFloor(floorOptions);
    for (const line of floorReport(` (${TOPOLOGY})`, floorOptions, floor)) log(line);
    if (running.temporalDatabases.length > 0) {
      await sleep(STATS_FLUSH_MS);
      const after = await databaseCounters(admin, running.temporalDatabases);
      for (const line of writeLines(N, 'workflow', before, after, label)) log(line);
    }
    log('');
  }

  const tokens = await Promise.all(running.serveUrls.map((base) => apiToken(base)));
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
  const deposit = (i: number) => {
    const serve = i % running.serveUrls.length;
    return fetch(`${running.serveUrls[serve]}/api/invoices?fileName=bench-${i}.xml`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[serve]}`, 'content-type': 'application/xml' },
      body: files[i] as Uint8Array<ArrayBuffer>,
    });
  };
  const size = files.reduce((a, f) => a + f.length, 0) / files.length;
  log(
    `ready: database ${running.hubDatabase}, Temporal ${address}, hub on ${running.serveUrls.join(', ')}; invoices of ${fmt(size / 1024, 1)} KB; load average ${load()}`,
  );

  const counters: Record<string, () => number> = {};
  for (const [name, child] of Object.entries(running.hubProcesses)) counters[name] = () => processCpuMs(child.pid!);
  if (running.temporalPid) counters[running.temporalName] = () => processCpuMs(running.temporalPid!);
  counters['load generator (this process)'] = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const meter = new CpuMeter(counters);
  // Backends of our databases only; one that exits during the run (idle pooled connection closed) takes its CPU
  // time along: a lower bound.
  const hubBackends = new BackendCpu(admin, [running.hubDatabase]);
  const temporalBackends = new BackendCpu(admin, running.temporalDatabases);
  const writesBefore = await databaseCounters(admin, allDatabases);

  // Deposit phase.
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let behindSchedule = 0;
  await hubBackends.begin();
  await temporalBackends.begin();
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
  const cpu: Record<string, number> = {
    ...meter.since(),
    'postgres (hub backends)': await hubBackends.since(),
  };
  if (running.temporalDatabases.length > 0) cpu['postgres (temporal backends)'] = await temporalBackends.since();
  const wallMs = performance.now() - began;
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
  const invoicesPerSecond = available / endToEndSeconds;
  log(
    `deposit to MISE_A_DISPOSITION: ${fmt(available)}/${fmt(accepted)}, first deposit to last made available ${fmt(endToEndSeconds, 1)} s = ${fmt(invoicesPerSecond, 1)} invoices/s; ` +
      `per invoice p50 ${fmt(percentile(toAvailable, 0.5))} ms, p99 ${fmt(percentile(toAvailable, 0.99))} ms`,
  );
  const totalCpu = Object.values(cpu).reduce((a, b) => a + b, 0);
  log(
    `CPU time from the first deposit to the last invoice made available (${fmt(wallMs / 1000, 1)} s wall, ${cpus().length} cores):`,
  );
  for (const [name, ms] of Object.entries(cpu))
    log(
      `  ${name.padEnd(32)} ${fmt(ms / Math.max(1, accepted), 2).padStart(7)} ms per invoice  (${fmt(ms / wallMs, 2)} cores)`,
    );
  const cpuPerInvoice = totalCpu / Math.max(1, accepted);
  log(
    `  ${'total'.padEnd(32)} ${fmt(cpuPerInvoice, 2).padStart(7)} ms per invoice  (${fmt(totalCpu / wallMs, 2)} cores)`,
  );
  log(`parse + validate alone, one at a time: ${fmt(parseMs, 2)} ms (${fmt(1000 / parseMs)} invoices/s on one core)`);

  await sleep(STATS_FLUSH_MS);
  const writesAfter = await databaseCounters(admin, allDatabases);
  log('database writes per invoice (pg_stat_database; sizes include the free space PostgreSQL keeps):');
  for (const line of writeLines(Math.max(1, accepted), 'invoice', writesBefore, writesAfter, label)) log(line);

  if (floor) {
    log(
      `hub / Temporal floor, same run, same server (${TOPOLOGY}): throughput ${fmt((100 * invoicesPerSecond) / floor.workflowsPerSecond)} % ` +
        `(${fmt(invoicesPerSecond, 1)} invoices/s against ${fmt(floor.workflowsPerSecond, 1)} workflows/s), CPU ${fmt(cpuPerInvoice / floor.totalCpuPerWorkflow, 2)}× ` +
        `(${fmt(cpuPerInvoice, 1)} ms per invoice against ${fmt(floor.totalCpuPerWorkflow, 1)} ms per workflow)`,
    );
  }
  log(`load average: after deposits ${loadAfterDeposits}, at the end ${load()}`);

  // Leave no running workflow on a server we did not launch.
  if (process.env.TEMPORAL_ADDRESS && !POSTGRES)
    log("TEMPORAL_ADDRESS was given: the bench task queue's workflows stay on that server (terminate them there).");
}

runBench(run);
