// Jobs the pool's tests run in its threads.
import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

export function echo<T>(value: T): { value: T; threadId: number } {
  return { value, threadId };
}

/** Keeps its thread busy for `ms` without ever yielding, as a runaway rendering would. */
export function spin(ms: number): number {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n > 0 ? ms : 0;
}

export function bytes(length: number): Uint8Array {
  return new Uint8Array(length).fill(7);
}

/** Allocates until the heap budget is exhausted. */
export function hog(): number {
  const kept: number[][] = [];
  for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
}

export function fail(message: string): never {
  throw Object.assign(new Error(message), { code: 'JOB_SAID_NO' });
}

/** The nice value of the thread running the job (Linux: field 19 of /proc/thread-self/stat). */
export function niceness(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
