// A pool of worker threads for CPU-heavy work (PDF rendering, reading and validating large invoices): the event
// loop that answers HTTP requests and runs Temporal activities only posts a job and awaits its answer. Each job has
// a time budget (over it, its thread is terminated and replaced), each thread a heap budget, and the queue of jobs
// waiting for a thread is bounded (when full, the caller gets a 503 with Retry-After at once).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { CpuJobError, jobOutOfMemory, jobTimedOut, poolBusy, poolStopped } from './errors.ts';
import type { JobAnswer, JobRequest, ThreadData, ThreadMessage } from './thread.ts';

/** A job: the export `name` of the module at `module` (a file: URL), typed by the module's own signature. */
export interface CpuJob<I, O> {
  readonly module: string;
  readonly name: string;
  /** Phantom types: what the job takes and gives back. */
  readonly __types?: (input: I) => O;
}

/**
 * Names a job of a module. Write `cpuJob<typeof Jobs, 'renderPdf'>(new URL('./jobs.ts', import.meta.url),
 * 'renderPdf')` with `import type * as Jobs from './jobs.ts'`: the module is loaded in the pool's threads only.
 */
export function cpuJob<M, K extends keyof M & string>(
  module: URL,
  name: K,
): M[K] extends (input: infer I) => infer O ? CpuJob<I, Awaited<O>> : never {
  return { module: module.href, name } as never;
}

export interface CpuPoolOptions {
  /** Worker threads (default: the machine's cores, 1 to 4). */
  threads?: number;
  /** Jobs that may wait for a free thread; one more is refused at once (default 256). */
  maxQueue?: number;
  /**
   * Total weight of the jobs waiting (their input bytes, as callers declare them): one more is refused at once,
   * unless nothing waits (default 128 MB, six 20 MB invoices). Many small jobs queue, few large ones.
   */
  maxQueuedWeight?: number;
  /**
   * Weight above which a job is heavy (default 1 MB): heavy jobs may occupy all threads but one, so that a small
   * deposit never waits behind four large renderings; light jobs pass before heavy ones in the queue.
   */
  heavyWeight?: number;
  /** Time budget of a job once it runs, in ms (default 120 s): over it, its thread is terminated. */
  timeoutMs?: number;
  /** Heap budget of each thread, in MB (default 1536). */
  memoryMb?: number;
  /** What a refused caller is told to wait, in seconds (default 5). */
  retryAfterSeconds?: number;
  /**
   * Nice value of the threads (Linux, 0 to 19; default 10): the event loop, at 0, gets the CPU first, while the
   * threads still get a share next to the other processes of the machine (PostgreSQL, Temporal) at 0.
   */
  niceness?: number;
  logger?: Pick<Logger, 'warn' | 'error' | 'info'>;
}

export interface RunOptions {
  /** Overrides the pool's time budget for this job. */
  timeoutMs?: number;
  /** How much work the job is, for the queue's bound: the size of its input in bytes (default 1). */
  weight?: number;
  /** What the job does, in French, for error messages ("rendu PDF"). */
  label?: string;
}

export interface CpuPoolStats {
  threads: number;
  busy: number;
  queued: number;
  queuedWeight: number;
  completed: number;
  failed: number;
  timedOut: number;
  restarted: number;
}

export interface CpuPool {
  run<I, O>(job: CpuJob<I, O>, input: I, options?: RunOptions): Promise<O>;
  stats(): CpuPoolStats;
  /** Refuses the waiting jobs, stops every thread. */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  job: CpuJob<unknown, unknown>;
  input: unknown;
  timeoutMs: number;
  label: string;
  weight: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set when the pool itself ends this thread (timeout, close): its exit is then expected. */
  retiring: boolean;
}

const THREAD_ENTRY = new URL('./thread.mjs', import.meta.url);
/** Consecutive threads that die before being ready: beyond, the pool stops respawning for a while. */
const MAX_BOOT_FAILURES = 3;
const BOOT_BACKOFF_MS = 5_000;

export function createCpuPool(options: CpuPoolOptions = {}): CpuPool {
  const size = Math.max(1, options.threads ?? Math.min(4, availableParallelism()));
  const maxQueue = Math.max(0, options.maxQueue ?? 256);
  const maxQueuedWeight = options.maxQueuedWeight ?? 128 * 1024 * 1024;
  const heavyWeight = options.heavyWeight ?? 1024 * 1024;
  const maxHeavyRunning = Math.max(1, size - 1);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const memoryMb = options.memoryMb ?? 1536;
  const retryAfter = options.retryAfterSeconds ?? 5;
  const niceness = Math.min(19, Math.max(0, Math.trunc(options.niceness ?? 10)));
  const logger = options.logger;

  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let queuedWeight = 0;
  let nextId = 1;
  let closed = false;
  let bootFailures = 0;
  const counts = { completed: 0, failed: 0, timedOut: 0, restarted: 0 };

  function spawn(): Slot {
    const worker = new Worker(THREAD_ENTRY, {
      workerData: { niceness } satisfies ThreadData,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    const slot: Slot = { worker, ready: false, running: undefined, timer: undefined, retiring: false };
    worker.unref();
    worker.on('message', (message: ThreadMessage) => onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => onFailure(slot, error));
    worker.on('exit', (code) => onExit(slot, code));
    return slot;
  }

  function onMessage(slot: Slot, message: ThreadMessage): void {
    if ('ready' in message) {
      slot.ready = true;
      bootFailures = 0;
      pump();
      return;
    }
    const pending = slot.running;
    if (!pending || pending.id !== message.id) return;
    finish(slot);
    settle(pending, message);
    pump();
  }

  function settle(pending: Pending, answer: JobAnswer): void {
    if (answer.ok) {
      counts.completed++;
      pending.resolve(answer.value);
      return;
    }
    counts.failed++;
    const { message, code } = answer.error;
    pending.reject(new CpuJobError(`${pending.job.name}: ${message}`, code, pending.job.name));
  }

  /** The thread stops working on its job. */
  function finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.running = undefined;
  }

  /** Threads hold the process open only while there is work for them (idle ones let a command exit). */
  function updateRefs(): void {
    for (const slot of slots) {
      if (slot.running || (queue.length > 0 && !slot.retiring)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  function onFailure(slot: Slot, error: Error & { code?: string }): void {
    const pending = slot.running;
    finish(slot);
    if (pending) {
      counts.failed++;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        logger?.warn({ job: pending.job.name, memoryMb }, 'cpu pool job over its memory budget');
        pending.reject(jobOutOfMemory(pending.label, memoryMb));
      } else {
        logger?.error({ err: error, job: pending.job.name }, 'cpu pool thread failed');
        pending.reject(new CpuJobError(`${pending.job.name}: ${error.message}`, error.code, pending.job.name));
      }
    } else if (!slot.ready) {
      logger?.error({ err: error }, 'cpu pool thread failed to start');
    }
  }

  function onExit(slot: Slot, code: number): void {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    const pending = slot.running;
    finish(slot);
    if (pending) {
      counts.failed++;
      pending.reject(new CpuJobError(`${pending.job.name}: thread exited (${code})`, undefined, pending.job.name));
    }
    if (!slot.ready) bootFailures++;
    if (closed) {
      slots.splice(index, 1);
      return;
    }
    if (!slot.retiring) logger?.warn({ code }, 'cpu pool thread exited; replacing it');
    counts.restarted++;
    if (bootFailures >= MAX_BOOT_FAILURES) {
      // Threads cannot start (a broken install): refuse what waits rather than spin, and try again later.
      slots.splice(index, 1);
      queuedWeight = 0;
      for (const waiting of queue.splice(0))
        waiting.reject(new CpuJobError('cpu pool threads fail to start', undefined, waiting.job.name));
      setTimeout(() => {
        if (closed) return;
        bootFailures = 0;
        slots.push(spawn());
      }, BOOT_BACKOFF_MS).unref();
      updateRefs();
      return;
    }
    slots[index] = spawn();
    pump();
  }

  function dispatch(slot: Slot, pending: Pending): void {
    slot.running = pending;
    slot.timer = setTimeout(() => {
      if (slot.running !== pending) return;
      counts.timedOut++;
      counts.failed++;
      logger?.warn({ job: pending.job.name, timeoutMs: pending.timeoutMs }, 'cpu pool job over its time budget');
      slot.running = undefined;
      slot.retiring = true;
      pending.reject(jobTimedOut(pending.label, pending.timeoutMs, retryAfter));
      // The replacement is spawned on exit; a waiting job goes to another thread meanwhile, if one is free.
      void slot.worker.terminate();
    }, pending.timeoutMs);
    const request: JobRequest = {
      id: pending.id,
      module: pending.job.module,
      name: pending.job.name,
      input: pending.input,
    };
    try {
      slot.worker.postMessage(request);
    } catch (error) {
      // The input cannot be cloned (a defect of the caller).
      finish(slot);
      counts.failed++;
      pending.reject(error);
    }
  }

  const isHeavy = (pending: Pending): boolean => pending.weight > heavyWeight;

  /** The next job a free thread takes: the first light one, else the first heavy one if a thread is left over. */
  function nextJob(): Pending | undefined {
    const light = queue.findIndex((pending) => !isHeavy(pending));
    if (light >= 0) return queue.splice(light, 1)[0];
    const heavyRunning = slots.filter((s) => s.running && isHeavy(s.running)).length;
    return heavyRunning < maxHeavyRunning ? queue.shift() : undefined;
  }

  function pump(): void {
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.running || slot.retiring) continue;
      const pending = nextJob();
      if (!pending) break;
      queuedWeight -= pending.weight;
      dispatch(slot, pending);
    }
    updateRefs();
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    run<I, O>(job: CpuJob<I, O>, input: I, runOptions: RunOptions = {}): Promise<O> {
      if (closed) return Promise.reject(poolStopped());
      const weight = Math.max(0, runOptions.weight ?? 1);
      const idle = slots.some((s) => s.ready && !s.running && !s.retiring);
      const full = queue.length >= maxQueue || (queue.length > 0 && queuedWeight + weight > maxQueuedWeight);
      if (!idle && full) {
        logger?.warn({ job: job.name, queued: queue.length, queuedWeight }, 'cpu pool queue full');
        return Promise.reject(poolBusy(retryAfter));
      }
      return new Promise<O>((resolve, reject) => {
        queuedWeight += weight;
        queue.push({
          id: nextId++,
          job: job as CpuJob<unknown, unknown>,
          input,
          timeoutMs: runOptions.timeoutMs ?? timeoutMs,
          label: runOptions.label ?? job.name,
          weight,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        pump();
      });
    },
    stats: () => ({
      threads: slots.length,
      busy: slots.filter((s) => s.running).length,
      queued: queue.length,
      queuedWeight,
      ...counts,
    }),
    async close() {
      closed = true;
      queuedWeight = 0;
      for (const waiting of queue.splice(0)) waiting.reject(poolStopped());
      await Promise.all(
        slots.map((slot) => {
          slot.retiring = true;
          return slot.worker.terminate();
        }),
      );
    },
  };
}
