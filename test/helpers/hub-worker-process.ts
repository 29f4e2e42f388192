// A hub worker in a child process (test/invoices/worker-process.ts), so a test can kill it outright (SIGKILL)
// with work in flight. Resolves once the worker polls its task queue.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function spawnHubWorker(dbUrl: string, temporalAddress: string, taskQueue: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('../invoices/worker-process.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      LIFECYCLE_DB_URL: dbUrl,
      LIFECYCLE_TEMPORAL_ADDRESS: temporalAddress,
      LIFECYCLE_TASK_QUEUE: taskQueue,
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
export async function killHubWorker(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  await gone;
}
