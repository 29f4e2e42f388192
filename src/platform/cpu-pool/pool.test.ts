import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, RetryLaterError } from '../errors.ts';
import { CpuJobError } from './errors.ts';
import { cpuJob, createCpuPool, type CpuPool } from './pool.ts';
import type * as Jobs from './testing/jobs.ts';

const JOBS = new URL('./testing/jobs.ts', import.meta.url);
const echo = cpuJob<typeof Jobs, 'echo'>(JOBS, 'echo');
const spin = cpuJob<typeof Jobs, 'spin'>(JOBS, 'spin');
const bytes = cpuJob<typeof Jobs, 'bytes'>(JOBS, 'bytes');
const hog = cpuJob<typeof Jobs, 'hog'>(JOBS, 'hog');
const fail = cpuJob<typeof Jobs, 'fail'>(JOBS, 'fail');
const niceness = cpuJob<typeof Jobs, 'niceness'>(JOBS, 'niceness');

const pools: CpuPool[] = [];
function pool(options: Parameters<typeof createCpuPool>[0]): CpuPool {
  const p = createCpuPool(options);
  pools.push(p);
  return p;
}
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

describe('CPU pool', () => {
  it('runs jobs in its own threads and gives back their values, bytes moved whole', async () => {
    const p = pool({ threads: 2 });
    const answer = await p.run(echo, { a: [1, 2, 3], text: 'é' });
    expect(answer.value).toEqual({ a: [1, 2, 3], text: 'é' });
    expect(answer.threadId).not.toBe(threadId);
    const data = await p.run(bytes, 1_000_000);
    expect(data).toBeInstanceOf(Uint8Array);
    expect(data.length).toBe(1_000_000);
    expect(data[999_999]).toBe(7);
  });

  it('runs its threads at a lower priority than the event loop', async () => {
    expect(await pool({ threads: 1 }).run(niceness, undefined)).toBe(10);
    expect(await pool({ threads: 1, niceness: 19 }).run(niceness, undefined)).toBe(19);
    expect(await pool({ threads: 1, niceness: 0 }).run(niceness, undefined)).toBe(0);
  });

  it('terminates a job over its time budget with a French 503, then runs the next jobs on a new thread', async () => {
    const p = pool({ threads: 1, timeoutMs: 800, retryAfterSeconds: 7 });
    const first = await p.run(echo, 1);
    const error = await p.run(spin, 60_000, { label: 'rendu PDF' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({ code: 'PROCESSING_TIMEOUT', status: 503, retryAfterSeconds: 7 });
    expect((error as Error).message).toBe(
      'Le traitement (rendu PDF) a dépassé le temps alloué de 0,8 s et a été interrompu. Réessayez plus tard ; si le problème persiste, téléchargez le document original.',
    );
    // The pool recovers: the next job runs, on the replacement thread.
    const next = await p.run(echo, 2);
    expect(next.value).toBe(2);
    expect(next.threadId).not.toBe(first.threadId);
    expect(p.stats()).toMatchObject({ threads: 1, timedOut: 1, restarted: 1, busy: 0 });
    // A job within its budget is not interrupted.
    expect(await p.run(spin, 200)).toBe(200);
  });

  it('bounds its queue: one job more than the threads and the queue hold is refused at once with 503', async () => {
    const p = pool({ threads: 1, maxQueue: 2, retryAfterSeconds: 3 });
    await p.run(echo, 0); // the thread is up
    const running = p.run(spin, 1500);
    const queued = [p.run(spin, 10), p.run(spin, 20)];
    expect(p.stats()).toMatchObject({ busy: 1, queued: 2 });
    const refused = await p.run(spin, 30).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused).toMatchObject({ code: 'CPU_POOL_BUSY', status: 503, retryAfterSeconds: 3 });
    expect((refused as Error).message).toMatch(/^Le hub traite déjà .* réessayez dans 3 secondes\.$/);
    // What was accepted still completes, in order.
    expect(await Promise.all([running, ...queued])).toEqual([1500, 10, 20]);
    expect(p.stats()).toMatchObject({ queued: 0, busy: 0 });
  });

  it('bounds the weight of what waits: many small jobs queue, few large ones', async () => {
    const p = pool({ threads: 1, maxQueue: 100, maxQueuedWeight: 1000 });
    await p.run(echo, 0);
    const running = p.run(spin, 1000, { weight: 5000 }); // runs at once: a free thread takes any weight
    const small = Array.from({ length: 50 }, (_, i) => p.run(spin, i % 3, { weight: 10 }));
    const large = p.run(spin, 1, { weight: 400 });
    expect(await p.run(spin, 1, { weight: 400 }).catch((e: unknown) => e)).toMatchObject({ code: 'CPU_POOL_BUSY' });
    expect(p.stats()).toMatchObject({ queued: 51, queuedWeight: 900 });
    await Promise.all([running, ...small, large]);
    expect(p.stats()).toMatchObject({ queued: 0, queuedWeight: 0 });
  });

  it('keeps a thread for light jobs: a small job never waits behind heavy ones', async () => {
    const p = pool({ threads: 2, heavyWeight: 100 });
    await Promise.all([p.run(echo, 0), p.run(echo, 0)]);
    const heavy = [1, 2, 3].map(() => p.run(spin, 700, { weight: 1000 }));
    await new Promise((r) => setTimeout(r, 50));
    // One thread renders the heavy jobs one after the other; the other stays for light ones.
    expect(p.stats()).toMatchObject({ busy: 1, queued: 2 });
    expect(await p.run(spin, 10, { weight: 10 })).toBe(10);
    // It ran while the first heavy job still ran and the two others still waited.
    expect(p.stats()).toMatchObject({ busy: 1, queued: 2 });
    expect(await Promise.all(heavy)).toEqual([700, 700, 700]);
  });

  it('stops a job over its memory budget with a French error, and recovers', async () => {
    const p = pool({ threads: 1, memoryMb: 48 });
    const error = await p.run(hog, undefined, { label: 'validation' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PROCESSING_TOO_LARGE', status: 500 });
    expect((error as Error).message).toContain('a dépassé la mémoire allouée de 48 Mo');
    expect((await p.run(echo, 'encore')).value).toBe('encore');
  });

  it('passes on the error a job throws, with its code', async () => {
    const p = pool({ threads: 1 });
    const error = await p.run(fail, 'non').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CpuJobError);
    expect(error).toMatchObject({ message: 'fail: non', code: 'JOB_SAID_NO', job: 'fail' });
    expect((await p.run(echo, 3)).value).toBe(3);
  });

  it('refuses what still waits when it closes', async () => {
    const p = createCpuPool({ threads: 1 });
    await p.run(echo, 0);
    const running = p.run(spin, 300).catch((e: unknown) => e);
    const waiting = p.run(spin, 10).catch((e: unknown) => e);
    await p.close();
    expect(await waiting).toMatchObject({ code: 'CPU_POOL_STOPPED', status: 503 });
    expect(await running).toBeInstanceOf(Error);
    expect(await p.run(echo, 1).catch((e: unknown) => e)).toMatchObject({ code: 'CPU_POOL_STOPPED' });
  });
});
