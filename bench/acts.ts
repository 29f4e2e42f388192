// One council meeting's batch of acts through the whole chain, as in the demo: `hub start` (HTTP, worker, the demo
// ministry over mutual TLS, the mailbox poll) as a child process on a scratch PostgreSQL database and its own
// Temporal dev server; this process posts N acts with a PDF of S MB each (`POST /api/acts`) and waits until every
// one is acknowledged (1-2 read from the Maildir). Prints acts/s, the hub process's memory (peak RSS) and the CPU
// per act of each process, against a reference in this process: hashing and gzipping one PDF (the byte work an act
// cannot avoid). Asserts nothing.
//
//   npx tsx bench/acts.ts [--acts 200] [--mb 2] [--concurrency 8]
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import postgres from 'postgres';
import { freePort } from '../src/platform/net.ts';
import { CpuMeter, processCpuMs } from './cpu.ts';
import { ADMIN_URL, load, log, percentile, runBench, sleep, startHubProcess } from './hub-process.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACTS = arg('acts', 200);
const MB = arg('mb', 2);
const CONCURRENCY = arg('concurrency', 8);
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A PDF of `mb` MB whose content stream is random (incompressible, as scanned pages are). */
function pdfOf(mb: number): Uint8Array {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n4 0 obj<</Length ');
  const body = randomBytes(Math.round(mb * 1024 * 1024));
  return Buffer.concat([
    head,
    Buffer.from(`${body.length}>>stream\n`),
    body,
    Buffer.from('\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  ]);
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB. */
function memoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/** The direct children of a process, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    });
}

async function token(base: string): Promise<string> {
  const response = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'hub-demo-rennes',
      client_secret: 'hub-demo-rennes-secret',
    }),
  });
  const value = ((await response.json()) as { access_token?: string }).access_token;
  if (!value) throw new Error(`no access token (${response.status})`);
  return value;
}

runBench(async (cleanup) => {
  const suffix = randomBytes(4).toString('hex');
  const database = `hub_bench_acts_chain_${suffix}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  cleanup.push(async () => {
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end({ timeout: 5 });
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-acts-'));
  cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const hub = await startHubProcess(
    'start',
    {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      ACTES_POLL_SECONDS: '1',
    },
    'Hub prêt',
    cleanup,
  );
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${await token(base)}` };
  const pdf = pdfOf(MB);

  // The reference: what one act's bytes cost this process to hash and compress once.
  const refStart = ownCpuMs();
  for (let i = 0; i < 5; i++) {
    createHash('sha256').update(pdf).digest();
    gzipSync(pdf);
  }
  const referenceMs = (ownCpuMs() - refStart) / 5;

  // Only this run's processes: the hub's own dev server, and the backends connected to the scratch database.
  const devServer = childrenOf(hub.pid!).find((pid) => commandOf(pid) === 'temporal');
  const backends = async () =>
    (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`).map((r) => r.pid);
  const backendsAtStart = await backends();
  const meter = new CpuMeter({
    'hub start (HTTP, worker, demo ministry)': () => processCpuMs(hub.pid!),
    'its temporal dev server': () => (devServer ? processCpuMs(devServer) : 0),
    'postgres backends of its database': () => backendsAtStart.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    'bench client (this process)': ownCpuMs,
  });
  const rssBefore = memoryMb(hub.pid!);
  meter.begin();
  const began = performance.now();
  const ids: string[] = [];
  const createMs: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < ACTS; i = next++) {
        const form = new FormData();
        form.append(
          'metadata',
          JSON.stringify({
            nature: 1,
            classification: '7.1',
            number: `CM2026_${String(i + 1).padStart(3, '0')}`,
            decisionDate: '2026-01-15',
            object: `Conseil municipal du 15 janvier 2026 : délibération n° ${i + 1}`,
          }),
        );
        form.append(
          'document',
          new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
          'deliberation.pdf',
        );
        const t0 = performance.now();
        const res = await fetch(`${base}/api/acts`, { method: 'POST', headers: auth, body: form });
        if (res.status !== 201) throw new Error(`act ${i + 1}: ${res.status} ${await res.text()}`);
        createMs.push(performance.now() - t0);
        ids.push(((await res.json()) as { id: string }).id);
      }
    }),
  );
  const createdSeconds = (performance.now() - began) / 1000;
  let peakRss = memoryMb(hub.pid!).peak;
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const act = (await (await fetch(`${base}/api/acts/${id}`, { headers: auth })).json()) as { status: string };
      if (act.status === 'ACQUITTE') pending.delete(id);
      else if (act.status === 'ERREUR') throw new Error(`act ${id} in error`);
    }
    peakRss = Math.max(peakRss, memoryMb(hub.pid!).peak);
    if (pending.size > 0) await sleep(500);
  }
  const seconds = (performance.now() - began) / 1000;
  const cpu = meter.since();
  const rssAfter = memoryMb(hub.pid!);

  log(`acts chain: ${ACTS} acts of ${MB} MB, ${CONCURRENCY} uploads at a time, load ${load()}`);
  log(
    `created (201) in ${fmt(createdSeconds)} s = ${fmt(ACTS / createdSeconds)} acts/s (p50 ${fmt(percentile(createMs, 0.5), 0)} ms, p95 ${fmt(percentile(createMs, 0.95), 0)} ms per POST)`,
  );
  log(`all acknowledged (1-2) in ${fmt(seconds)} s = ${fmt(ACTS / seconds, 2)} acts/s, creation to acknowledgement`);
  log(
    `hub process memory: RSS ${fmt(rssBefore.now, 0)} MB before, ${fmt(rssAfter.now, 0)} MB after, peak ${fmt(peakRss, 0)} MB (${fmt(ACTS * MB, 0)} MB of PDFs went through)`,
  );
  log(`reference: sha256 + gzip of one ${MB} MB PDF in this process ${fmt(referenceMs, 1)} ms CPU`);
  let total = 0;
  for (const [name, ms] of Object.entries(cpu)) {
    total += ms;
    log(
      `  ${name.padEnd(42)} ${fmt(ms / ACTS, 1).padStart(7)} ms CPU per act (${fmt(ms / ACTS / referenceMs, 1)}× ref)`,
    );
  }
  log(
    `  ${'total'.padEnd(42)} ${fmt(total / ACTS, 1).padStart(7)} ms CPU per act (${fmt(total / ACTS / referenceMs, 1)}× ref)`,
  );
});
