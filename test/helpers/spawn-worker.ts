// Starts test/invoices/worker-process.ts, a hub worker in a process of its own that a test can kill outright
// (SIGKILL) with work in flight; resolves once it polls.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export interface WorkerProcessOptions {
  dbUrl: string;
  taskQueue: string;
  /** Folder of the disk file store the worker shares with the test. */
  filesDir?: string;
  /** The accounting settings (treasury endpoints), as JSON. */
  accounting?: unknown;
}

export async function spawnWorker(options: WorkerProcessOptions): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('../invoices/worker-process.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      LIFECYCLE_DB_URL: options.dbUrl,
      LIFECYCLE_TEMPORAL_ADDRESS: inject('temporalAddress'),
      LIFECYCLE_TASK_QUEUE: options.taskQueue,
      ...(options.filesDir ? { LIFECYCLE_FILES_DIR: options.filesDir } : {}),
      ...(options.accounting ? { LIFECYCLE_ACCOUNTING: JSON.stringify(options.accounting) } : {}),
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

/** Kills the worker at once, as a crash would, and waits for the process to be gone. */
export async function killWorker(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  await gone;
}
