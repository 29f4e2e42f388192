// One thread of the CPU pool: runs the jobs it is sent, one at a time, and answers each with its value or error.
import { setPriority } from 'node:os';
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';

export interface ThreadData {
  niceness: number;
}

export interface JobRequest {
  id: number;
  /** file: URL of a module of ours whose export `name` is the job: `(input) => value | Promise<value>`. */
  module: string;
  name: string;
  input: unknown;
}

export type JobAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

export type ThreadMessage = { ready: true } | JobAnswer;

const port = parentPort;
if (!port) throw new Error('thread.ts runs as a worker thread of the CPU pool');

// Linux keeps one nice value per thread and applies setpriority(PRIO_PROCESS, 0) to the calling thread only:
// the pool's threads yield the CPU to the event loop, which then answers requests while a PDF renders.
const { niceness } = workerData as ThreadData;
if (niceness > 0) {
  try {
    setPriority(0, niceness);
  } catch {
    // not permitted on this system: the threads keep the normal priority
  }
}

type Job = (input: unknown) => unknown;

async function run(request: JobRequest): Promise<void> {
  try {
    const module = (await import(request.module)) as Record<string, unknown>;
    const job = module[request.name];
    if (typeof job !== 'function') throw new Error(`${request.module} has no job named ${request.name}`);
    const value = await (job as Job)(request.input);
    port!.postMessage({ id: request.id, ok: true, value } satisfies JobAnswer, transferable(value));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const code = (e as { code?: unknown }).code;
    port!.postMessage({
      id: request.id,
      ok: false,
      error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) },
    } satisfies JobAnswer);
  }
}

/** Bytes returned whole are moved to the caller's thread rather than copied. */
function transferable(value: unknown): TransferListItem[] {
  if (value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength)
    return [value.buffer as ArrayBuffer];
  return [];
}

port.on('message', (request: JobRequest) => void run(request));
port.postMessage({ ready: true } satisfies ThreadMessage);
