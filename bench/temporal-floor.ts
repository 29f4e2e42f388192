// What Temporal costs per workflow on this machine, without the hub: N workflows of bench/workflows/floor.ts (one
// local activity, then a 30-day timer) started concurrently by a client in this process and run by a worker in
// another process (bench/floor.ts), on a dev server launched here as `hub start` launches it. Prints starts/s, workflows/s to the
// local activity, and the CPU time per workflow of the dev server, the worker process and this process.
//
//   npx tsx bench/temporal-floor.ts [--workflows N] [--concurrency C] [--eager]
//   --eager: the worker runs in this process and the client, on its native connection, asks for eager starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { findTemporalBinary } from '../src/platform/temporal/binary.ts';
import { startDevServer, type DevServer } from '../src/platform/temporal/dev-server.ts';
import { freePort } from '../src/platform/net.ts';
import { CpuMeter, processCpuMs } from './cpu.ts';
import { floorReport, measureFloor } from './floor.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('--workflows', 2000);
const CONCURRENCY = arg('--concurrency', 32);
const EAGER = process.argv.includes('--eager');
const FLOOR_WORKFLOWS = fileURLToPath(new URL('./workflows/floor.ts', import.meta.url));
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Counts the workflows that reached their local activity; `done` resolves once all N did. */
function touchCounter() {
  const touched = new Set<string>();
  let allTouched: () => void = () => {};
  const done = new Promise<void>((r) => (allTouched = r));
  const touch = (id: string) => {
    touched.add(id);
    if (touched.size >= N) allTouched();
  };
  return { touch, done };
}

/** Starts workflow 0…N-1 through `start`, CONCURRENCY at a time, waits for `done`, prints rates and CPU. */
async function measure(
  title: string,
  meter: CpuMeter,
  start: (i: number) => Promise<unknown>,
  done: Promise<void>,
): Promise<void> {
  meter.begin();
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < N; i = next++) await start(i);
    }),
  );
  const startSeconds = (performance.now() - began) / 1000;
  await done;
  const seconds = (performance.now() - began) / 1000;
  const cpu = meter.since();
  console.log(`temporal floor${title}: ${N} workflows, concurrency ${CONCURRENCY}, ${cpus().length} cores`);
  console.log(
    `starts: ${fmt(N / startSeconds)}/s; all ${N} through their local activity in ${fmt(seconds)} s = ${fmt(N / seconds)} workflows/s`,
  );
  let total = 0;
  for (const [name, ms] of Object.entries(cpu)) {
    total += ms;
    console.log(
      `  ${name.padEnd(30)} ${fmt(ms / N, 2).padStart(6)} ms CPU per workflow (${fmt(ms / 1000 / seconds, 2)} cores)`,
    );
  }
  console.log(`  ${'total'.padEnd(30)} ${fmt(total / N, 2).padStart(6)} ms CPU per workflow`);
}

const startOptions = (i: number, taskQueue: string) => ({ workflowId: `floor-${i}`, taskQueue, args: [`floor-${i}`] });

async function main() {
  const binary = findTemporalBinary();
  if (!binary) throw new Error('no temporal binary');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-floor-'));
  const server = await startDevServer({ binary, dataDir, namespace: 'default', port: await freePort(), ui: false });
  const taskQueue = `floor-${process.pid}`;
  try {
    await (EAGER ? runEager(server, taskQueue) : runSeparate(server, taskQueue));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runSeparate(server: DevServer, taskQueue: string) {
  const options = {
    address: server.address,
    taskQueue,
    workflows: N,
    concurrency: CONCURRENCY,
    workers: 1,
    serverCpu: { 'temporal dev server': () => processCpuMs(server.pid!) },
  };
  for (const line of floorReport('', options, await measureFloor(options))) console.log(line);
}

async function runEager(server: DevServer, taskQueue: string) {
  const { NativeConnection, Worker } = await import('@temporalio/worker');
  const connection = await NativeConnection.connect({ address: server.address });
  const { touch, done } = touchCounter();
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: FLOOR_WORKFLOWS,
    activities: { touch: async (id: string) => touch(id) },
  });
  const running = worker.run();
  const client = new Client({ connection });
  const meter = new CpuMeter({
    'temporal dev server': () => processCpuMs(server.pid!),
    'worker + client (this process)': ownCpuMs,
  });
  let eager = 0;
  await measure(
    ' (eager start, worker in process)',
    meter,
    async (i) => {
      const handle = await client.workflow.start('floorWorkflow', {
        ...startOptions(i, taskQueue),
        requestEagerStart: true,
      });
      if (handle.eagerlyStarted) eager += 1;
    },
    done,
  );
  console.log(`  ${eager} of ${N} started eagerly`);
  worker.shutdown();
  await running;
  await connection.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
