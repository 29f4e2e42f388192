// The CPU pool: worker threads with a time and memory budget per job and a bounded queue, and the cache of
// their results by content key. The hub builds one of each at start (src/main.ts) and hands them to the verbs in
// their dependencies; code that runs without them (tests, one-off commands) shares a default pool per process.
import type { AppDeps } from '../http.ts';
import { createCpuPool, type CpuPool } from './pool.ts';
import { memoryResultCache, type ResultCache } from './result-cache.ts';

export { cpuJob, createCpuPool } from './pool.ts';
export type { CpuJob, CpuPool, CpuPoolOptions, CpuPoolStats, RunOptions } from './pool.ts';
export { diskResultCache, memoryResultCache } from './result-cache.ts';
export type { ResultCache, ResultCacheStats } from './result-cache.ts';
export { CpuJobError } from './errors.ts';

let sharedPool: CpuPool | undefined;
let sharedCache: ResultCache | undefined;

/** The pool of the dependencies, else one shared by the process (created on first use, its threads unreferenced). */
export function cpuPoolOf(deps: Pick<AppDeps, 'cpuPool'>): CpuPool {
  return deps.cpuPool ?? (sharedPool ??= createCpuPool());
}

/** The result cache of the dependencies, else a 64 MB one in memory shared by the process. */
export function resultCacheOf(deps: Pick<AppDeps, 'resultCache'>): ResultCache {
  return deps.resultCache ?? (sharedCache ??= memoryResultCache({ maxBytes: 64 * 1024 * 1024 }));
}
