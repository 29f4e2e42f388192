// Results of CPU-heavy jobs kept by content key (e.g. `pdf-1-<sha256 of the original>`), bounded in bytes, least
// recently used first out. Concurrent requests for one key share one computation: four people opening the same
// large invoice cost one rendering. On disk, a result survives restarts; it is a cache, never the record (the
// original is in the database, the result derives from it), so losing it costs one more computation.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

export interface ResultCache {
  /** The result stored under `key`, else `compute()`'s, stored; callers of one key meanwhile share that computation. */
  get(key: string, compute: () => Promise<Uint8Array>): Promise<Uint8Array>;
  stats(): ResultCacheStats;
}

export interface ResultCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

const KEY = /^[A-Za-z0-9._-]{1,200}$/;

/** A key made of safe characters only: it names a file. */
function checkKey(key: string): void {
  if (!KEY.test(key) || key.startsWith('.')) throw new Error(`invalid result cache key: ${key}`);
}

/** Where entries are kept, in recency order (a Map iterates in insertion order: re-inserted on use). */
interface Store {
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
  /** Entries already present at start, oldest first. */
  load(): Promise<Array<[string, number]>>;
}

function boundedCache(store: Store, maxBytes: number, logger?: Pick<Logger, 'warn'>): ResultCache {
  const sizes = new Map<string, number>();
  const inflight = new Map<string, Promise<Uint8Array>>();
  let total = 0;
  let hits = 0;
  let misses = 0;
  let loaded: Promise<void> | undefined;

  const load = (): Promise<void> =>
    (loaded ??= store.load().then(
      (entries) => {
        for (const [key, size] of entries) {
          sizes.set(key, size);
          total += size;
        }
        return evict();
      },
      (error: unknown) => logger?.warn({ err: error }, 'result cache: existing entries unreadable'),
    ));

  async function evict(): Promise<void> {
    for (const [key, size] of sizes) {
      if (total <= maxBytes) return;
      sizes.delete(key);
      total -= size;
      await store.remove(key).catch(() => undefined);
    }
  }

  function touch(key: string, size: number): void {
    sizes.delete(key);
    sizes.set(key, size);
  }

  async function lookup(key: string, compute: () => Promise<Uint8Array>): Promise<Uint8Array> {
    await load();
    if (sizes.has(key)) {
      const bytes = await store.read(key).catch(() => undefined);
      if (bytes) {
        hits++;
        touch(key, bytes.length);
        return bytes;
      }
      total -= sizes.get(key) ?? 0;
      sizes.delete(key);
    }
    misses++;
    const bytes = await compute();
    if (bytes.length <= maxBytes) {
      try {
        await store.write(key, bytes);
        total -= sizes.get(key) ?? 0;
        touch(key, bytes.length);
        total += bytes.length;
        await evict();
      } catch (error) {
        logger?.warn({ err: error, key }, 'result cache: entry not stored');
      }
    }
    return bytes;
  }

  return {
    get(key, compute) {
      checkKey(key);
      const running = inflight.get(key);
      if (running) return running;
      const promise = lookup(key, compute).finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },
    stats: () => ({ entries: sizes.size, bytes: total, maxBytes, hits, misses }),
  };
}

/** Entries in memory, for processes with no data directory (tests, one-off commands). */
export function memoryResultCache(options: { maxBytes: number }): ResultCache {
  const entries = new Map<string, Uint8Array>();
  return boundedCache(
    {
      read: async (key) => entries.get(key),
      write: async (key, bytes) => void entries.set(key, bytes),
      remove: async (key) => void entries.delete(key),
      load: async () => [],
    },
    options.maxBytes,
  );
}

/**
 * Entries as files of `dir` (created if absent), written to a temporary name then renamed, so that a reader never
 * sees half a file. Files found at start count towards the bound, oldest (by modification time) evicted first.
 */
export function diskResultCache(options: {
  dir: string;
  maxBytes: number;
  logger?: Pick<Logger, 'warn'>;
}): ResultCache {
  const { dir } = options;
  return boundedCache(
    {
      read: async (key) => {
        const path = join(dir, key);
        const buffer = await readFile(path);
        // The modification time orders the entries found at the next start.
        const now = new Date();
        void utimes(path, now, now).catch(() => undefined);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
      },
      write: async (key, bytes) => {
        await mkdir(dir, { recursive: true });
        const temporary = join(dir, `.${key}.${randomUUID()}.tmp`);
        try {
          await writeFile(temporary, bytes);
          await rename(temporary, join(dir, key));
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
      },
      remove: (key) => rm(join(dir, key), { force: true }),
      load: async () => {
        await mkdir(dir, { recursive: true });
        const found: Array<[string, number, number]> = [];
        for (const name of await readdir(dir)) {
          const path = join(dir, name);
          if (name.startsWith('.')) {
            await rm(path, { force: true }); // a write interrupted by a stop
            continue;
          }
          if (!KEY.test(name)) continue;
          const info = await stat(path).catch(() => undefined);
          if (info?.isFile()) found.push([name, info.size, info.mtimeMs]);
        }
        return found.sort((a, b) => a[2] - b[2]).map(([name, size]) => [name, size]);
      },
    },
    options.maxBytes,
    options.logger,
  );
}
