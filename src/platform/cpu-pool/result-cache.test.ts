import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskResultCache, memoryResultCache, type ResultCache } from './result-cache.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'result-cache-'));
  dirs.push(dir);
  return dir;
}

const bytesOf = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

/** A computation that counts its calls and finishes when told. */
function computation(result: Uint8Array) {
  let calls = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    compute: async () => {
      calls++;
      await released;
      return result;
    },
    release: () => release(),
    calls: () => calls,
  };
}

for (const [kind, make] of [
  ['in memory', async (maxBytes: number) => memoryResultCache({ maxBytes })],
  ['on disk', async (maxBytes: number) => diskResultCache({ dir: await freshDir(), maxBytes })],
] as const) {
  describe(`result cache ${kind}`, () => {
    it('computes a key once, for concurrent callers too, then serves it', async () => {
      const cache: ResultCache = await make(1000);
      const job = computation(bytesOf(10, 5));
      const four = Promise.all([1, 2, 3, 4].map(() => cache.get('pdf-1-abc', job.compute)));
      await new Promise((r) => setTimeout(r, 20));
      job.release();
      for (const bytes of await four) expect([...bytes]).toEqual(Array(10).fill(5));
      expect(job.calls()).toBe(1);
      const again = computation(bytesOf(10, 9));
      again.release();
      expect([...(await cache.get('pdf-1-abc', again.compute))]).toEqual(Array(10).fill(5));
      expect(again.calls()).toBe(0);
      expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10, hits: 1, misses: 1 });
    });

    it('stays within its bound, dropping the least recently used first', async () => {
      const cache = await make(250);
      const put = (key: string, size: number) => cache.get(key, async () => bytesOf(size));
      await put('a', 100);
      await put('b', 100);
      await put('a', 0); // a hit: 'a' is now the most recent
      await put('c', 100); // over 250: 'b' goes
      expect(cache.stats()).toMatchObject({ entries: 2, bytes: 200 });
      let recomputed = 0;
      await cache.get('b', async () => (recomputed++, bytesOf(100)));
      await cache.get('c', async () => (recomputed++, bytesOf(100)));
      expect(recomputed).toBe(1);
      // A result larger than the whole cache is returned, not kept.
      expect((await put('huge', 1000)).length).toBe(1000);
      expect(cache.stats().bytes).toBeLessThanOrEqual(250);
    });

    it('does not keep a failed computation', async () => {
      const cache = await make(1000);
      await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect((await cache.get('k', async () => bytesOf(3))).length).toBe(3);
    });

    it('refuses keys that are not plain file names', async () => {
      const cache = await make(1000);
      expect(() => cache.get('../etc/passwd', async () => bytesOf(1))).toThrow();
    });
  });
}

describe('result cache on disk, across restarts', () => {
  it('serves what an earlier process stored, counts it in its bound and cleans interrupted writes', async () => {
    const dir = await freshDir();
    const first = diskResultCache({ dir, maxBytes: 1000 });
    await first.get('old', async () => bytesOf(400, 1));
    await new Promise((r) => setTimeout(r, 20));
    await first.get('new', async () => bytesOf(400, 2));
    await writeFile(join(dir, '.new.interrupted.tmp'), 'half');

    const second = diskResultCache({ dir, maxBytes: 700 });
    let computed = 0;
    const kept = await second.get('new', async () => (computed++, bytesOf(400, 3)));
    expect(computed).toBe(0);
    expect(kept[0]).toBe(2);
    // 800 bytes found for a bound of 700: the oldest went.
    expect((await readdir(dir)).sort()).toEqual(['new']);
    expect(second.stats()).toMatchObject({ entries: 1, bytes: 400 });
  });
});
