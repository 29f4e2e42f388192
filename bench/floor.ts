// What Temporal alone costs per workflow on a given server: N workflows of bench/workflows/floor.ts (one local
// activity, then a 30-day timer) started by a client in this process, run by W worker processes (floor-worker.ts).
// bench/temporal-floor.ts prints it on its own; bench/ingest.ts measures it in the same run as the hub.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { CpuMeter, processCpuMs } from './cpu.ts';

export interface FloorOptions {
  address: string;
  taskQueue: string;
  workflows: number;
  concurrency: number;
  workers: number;
  /** CPU counters of the Temporal server and its store (the dev server, or the server and its Postgres backends). */
  serverCpu: Record<string, () => number | Promise<number>>;
}

export interface FloorResult {
  startsPerSecond: number;
  workflowsPerSecond: number;
  seconds: number;
  /** CPU ms per workflow, by part, and in total. */
  cpuPerWorkflow: Record<string, number>;
  totalCpuPerWorkflow: number;
}

const WORKER = fileURLToPath(new URL('./floor-worker.ts', import.meta.url));
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function startWorker(address: string, taskQueue: string, touch: (id: string) => void): Promise<ChildProcess> {
  const worker = fork(WORKER, [address, taskQueue], { execArgv: ['--import', 'tsx'] });
  worker.on('message', (m: { touched?: string }) => m.touched && touch(m.touched));
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { ready?: true }) => m.ready && resolve());
    worker.once('exit', (code) => reject(new Error(`floor worker exited (${code})`)));
  });
  return worker;
}

export async function measureFloor(options: FloorOptions): Promise<FloorResult> {
  const { workflows: N, concurrency } = options;
  const touched = new Set<string>();
  let allTouched: () => void = () => {};
  const done = new Promise<void>((resolve) => (allTouched = resolve));
  const touch = (id: string) => {
    touched.add(id);
    if (touched.size >= N) allTouched();
  };
  const workers: ChildProcess[] = [];
  const client = new Client({ connection: await Connection.connect({ address: options.address }) });
  try {
    for (let w = 0; w < options.workers; w++)
      workers.push(await startWorker(options.address, options.taskQueue, touch));
    const syncCounters: Record<string, () => number> = { 'client (this process)': ownCpuMs };
    workers.forEach((w, k) => (syncCounters[`worker process ${k + 1}`] = () => processCpuMs(w.pid!)));
    const meter = new CpuMeter(syncCounters);
    const serverStart = await readAll(options.serverCpu);

    meter.begin();
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < N; i = next++)
          await client.workflow.start('floorWorkflow', {
            workflowId: `floor-${options.taskQueue}-${i}`,
            taskQueue: options.taskQueue,
            args: [`floor-${i}`],
          });
      }),
    );
    const startSeconds = (performance.now() - began) / 1000;
    await done;
    const seconds = (performance.now() - began) / 1000;
    const serverEnd = await readAll(options.serverCpu);
    const cpu: Record<string, number> = {};
    for (const name of Object.keys(serverEnd)) cpu[name] = serverEnd[name]! - serverStart[name]!;
    Object.assign(cpu, meter.since());
    const cpuPerWorkflow = Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms / N]));
    return {
      startsPerSecond: N / startSeconds,
      workflowsPerSecond: N / seconds,
      seconds,
      cpuPerWorkflow,
      totalCpuPerWorkflow: Object.values(cpuPerWorkflow).reduce((a, b) => a + b, 0),
    };
  } finally {
    for (const worker of workers) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await client.connection.close();
  }
}

async function readAll(counters: Record<string, () => number | Promise<number>>): Promise<Record<string, number>> {
  const values: Record<string, number> = {};
  for (const [name, read] of Object.entries(counters)) values[name] = await read();
  return values;
}

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The floor's lines, as bench/temporal-floor.ts has always printed them. */
export function floorReport(title: string, options: FloorOptions, result: FloorResult): string[] {
  return [
    `temporal floor${title}: ${options.workflows} workflows, concurrency ${options.concurrency}, ${options.workers} worker process(es)`,
    `starts: ${fmt(result.startsPerSecond)}/s; all ${options.workflows} through their local activity in ${fmt(result.seconds)} s = ${fmt(result.workflowsPerSecond)} workflows/s`,
    ...Object.entries(result.cpuPerWorkflow).map(
      ([name, ms]) =>
        `  ${name.padEnd(30)} ${fmt(ms, 2).padStart(6)} ms CPU per workflow (${fmt((ms * options.workflows) / 1000 / result.seconds, 2)} cores)`,
    ),
    `  ${'total'.padEnd(30)} ${fmt(result.totalCpuPerWorkflow, 2).padStart(6)} ms CPU per workflow`,
  ];
}
