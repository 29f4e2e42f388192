// Does a heavy invoice freeze the hub? One `hub start` (HTTP server and Temporal worker in one process, as the issue
// saw it) on a fresh PostgreSQL database and a Temporal dev server launched here, all on loopback. This process
// polls `/healthz` every 50 ms, first with no load (the reference), then while large invoices (33,000 lines, about
// 19 MB each) are deposited, their PDFs rendered (several views each, at once) and small deposits flow. Prints the
// latency of `/healthz` in both phases (p50, p99, max) and their ratio, and what the load achieved. Asserts nothing.
//
//   npx tsx bench/pdf-load.ts [--large N] [--lines N] [--views N] [--small N] [--concurrency C] [--reference S]
//   --large: large invoices (default 4); --lines: their lines (33,000); --views: PDF views of each, at once (2);
//   --small: small invoices deposited meanwhile (300), --concurrency at a time (4); --reference: seconds (10).
//   BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), TEMPORAL_ADDRESS (optional)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/client.ts';
import { freePort } from '../src/platform/net.ts';
import { findTemporalBinary } from '../src/platform/temporal/binary.ts';
import { startDevServer } from '../src/platform/temporal/dev-server.ts';
import { seedAll } from '../src/seed/index.ts';
import { testParties, ublBytes } from '../test/helpers/invoices.ts';
import { apiToken, load, log, percentile, runBench, sleep, startHubProcess, type Cleanup } from './hub-process.ts';
import { scratchDatabaseUrl } from './scratch-database.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} expects a non-negative integer`);
  return value;
};
const LARGE = arg('--large', 4);
const LINES = arg('--lines', 33_000);
const VIEWS = arg('--views', 2);
const SMALL = arg('--small', 300);
const CONCURRENCY = Math.max(1, arg('--concurrency', 4));
const REFERENCE_S = arg('--reference', 10);
const POLL_MS = 50;
/** The whole load phase stops here whatever happens: the bench is bounded. */
const LOAD_LIMIT_MS = 15 * 60_000;
const TARGET_P99_MS = 100;

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One GET on a connection of its own (no keep-alive reuse to race with the server closing it). */
function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    request.on('error', reject);
  });
}

/** Polls /healthz every 50 ms until `stop()`; keeps every latency and status. */
function pollHealth(base: string) {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  let running = true;
  const done = (async () => {
    while (running) {
      const answer = await timedGet(`${base}/healthz`).catch((e: unknown) => ({
        status: `error ${(e as Error).message}`,
        ms: NaN,
      }));
      if (!Number.isNaN(answer.ms)) latencies.push(answer.ms);
      statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
      await sleep(POLL_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { latencies, statuses };
    },
  };
}

function describeHealth(name: string, r: { latencies: number[]; statuses: Map<string, number> }): string {
  const l = r.latencies;
  const statuses = [...r.statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  return `${name}: ${l.length} answers (${statuses}); p50 ${ms(percentile(l, 0.5))}, p99 ${ms(percentile(l, 0.99))}, max ${ms(Math.max(...l))}`;
}

async function run(cleanup: Cleanup): Promise<void> {
  log(
    `bench/pdf-load: ${LARGE} invoices of ${LINES} lines, ${VIEWS} PDF views each at once, ${SMALL} small deposits ` +
      `${CONCURRENCY} at a time; ${cpus().length} cores, load average ${load()}`,
  );
  const url = await scratchDatabaseUrl('hub_bench_pdf', cleanup);
  const database = await openDatabase({ kind: 'postgres', url, maxConnections: 2 });
  cleanup.push(() => database.close());
  await database.migrate();
  await seedAll(database.db);
  const parties = await testParties(database.db);

  let address = process.env.TEMPORAL_ADDRESS;
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
  }
  const hubData = mkdtempSync(join(tmpdir(), 'hub-bench-pdf-'));
  cleanup.push(async () => rmSync(hubData, { recursive: true, force: true }));
  const port = await freePort();
  await startHubProcess(
    'start',
    {
      DATABASE_URL: url,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: hubData,
    },
    'Hub prêt',
    cleanup,
  );
  const base = `http://127.0.0.1:${port}`;
  const token = await apiToken(base);

  // Every invoice is built before any clock starts.
  const runId = randomBytes(3).toString('hex').toUpperCase();
  const invoice = (number: string, lines: number) =>
    ublBytes({
      supplierSiret: parties.armor.siret,
      supplierName: parties.armor.name,
      buyerSiret: parties.rennes.siret,
      serviceCode: 'FIN',
      number,
      lineAmounts: Array.from({ length: lines }, (_, i) => `${(i % 89) + 1}.40`),
    });
  const large = Array.from({ length: LARGE }, (_, i) => invoice(`LARGE-${runId}-${i}`, LINES));
  const small = Array.from({ length: SMALL }, (_, i) => invoice(`SMALL-${runId}-${i}`, 3));
  const deposit = async (bytes: Uint8Array, name: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/invoices?fileName=${name}.xml`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    const json = (await res.json()) as { invoiceId?: string; code?: string };
    return { status: res.status, invoiceId: json.invoiceId, code: json.code, ms: performance.now() - t0 };
  };
  const view = async (invoiceId: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
    const size = (await res.arrayBuffer()).byteLength;
    return { status: res.status, size, ms: performance.now() - t0, retryAfter: res.headers.get('retry-after') };
  };
  const largeMb = large.reduce((a, b) => a + b.length, 0) / Math.max(1, LARGE) / 1048576;
  log(
    `ready: hub on ${base} (database ${new URL(url).pathname.slice(1)}, Temporal ${address}); large invoices of ${largeMb.toFixed(1)} MB`,
  );

  // Warm-up (threads loaded, first render done on another invoice), then the reference: no load at all.
  const warm = await deposit(invoice(`WARM-${runId}`, 10), 'warm');
  if (warm.invoiceId) await view(warm.invoiceId);
  const reference = pollHealth(base);
  await sleep(REFERENCE_S * 1000);
  const idle = await reference.stop();
  log(describeHealth('reference, no load', idle));

  // The load: large deposits, then their PDF views at once; small deposits flowing the whole time.
  const health = pollHealth(base);
  const began = performance.now();
  const deadline = began + LOAD_LIMIT_MS;
  let heavyDone = false;
  const smallResults: { status: number; ms: number }[] = [];
  let nextSmall = 0;
  const flow = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!heavyDone && nextSmall < small.length && performance.now() < deadline) {
        const i = nextSmall++;
        smallResults.push(await deposit(small[i]!, `small-${i}`));
      }
    }),
  );
  const heavy = await Promise.all(
    large.map(async (bytes, i) => {
      const d = await deposit(bytes, `large-${i}`);
      const views = d.invoiceId ? await Promise.all(Array.from({ length: VIEWS }, () => view(d.invoiceId!))) : [];
      return { deposit: d, views };
    }),
  );
  heavyDone = true;
  await flow;
  const loadMs = performance.now() - began;
  const loaded = await health.stop();

  const deposits = heavy.map((h) => h.deposit);
  const views = heavy.flatMap((h) => h.views);
  const count = (list: { status: number }[], status: number) => list.filter((x) => x.status === status).length;
  log(
    `load: ${(loadMs / 1000).toFixed(1)} s; large deposits ${deposits.map((d) => `${d.status}${d.code ? ` ${d.code}` : ''} in ${(d.ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
  log(
    `  PDF views: ${views.length} (${count(views, 200)} × 200, ${count(views, 503)} × 503), ` +
      `${(
        percentile(
          views.map((v) => v.ms),
          0.5,
        ) / 1000
      ).toFixed(1)} s median, ` +
      `${(Math.max(...views.map((v) => v.ms)) / 1000).toFixed(1)} s slowest, ${(Math.max(...views.map((v) => v.size)) / 1048576).toFixed(1)} MB`,
  );
  log(
    `  small deposits: ${smallResults.length} (${count(smallResults, 201)} × 201, ${count(smallResults, 503)} × 503), ` +
      `${(smallResults.length / (loadMs / 1000)).toFixed(1)}/s, p50 ${ms(
        percentile(
          smallResults.map((s) => s.ms),
          0.5,
        ),
      )}, ` +
      `p99 ${ms(
        percentile(
          smallResults.map((s) => s.ms),
          0.99,
        ),
      )}`,
  );
  log(describeHealth('under load', loaded));
  const p50 = percentile(loaded.latencies, 0.5) / Math.max(0.001, percentile(idle.latencies, 0.5));
  const p99 = percentile(loaded.latencies, 0.99) / Math.max(0.001, percentile(idle.latencies, 0.99));
  log(`ratio under load / reference: p50 ×${p50.toFixed(2)}, p99 ×${p99.toFixed(2)}`);
  const met = percentile(loaded.latencies, 0.99) < TARGET_P99_MS;
  log(`target /healthz p99 < ${TARGET_P99_MS} ms under load: ${met ? 'met' : 'NOT met'}; load average ${load()}`);
}

runBench(run);
