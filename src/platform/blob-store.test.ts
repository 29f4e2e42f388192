import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { blobs } from '../../db/schema/blobs.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { databaseBlobStore, OFFLOAD_BYTES, sha256Hex } from './blob-store.ts';
import { createCpuPool } from './cpu-pool/index.ts';

const t = useTestDatabase();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('databaseBlobStore', () => {
  it('stores bytes under their SHA-256 and gives them back unchanged', async () => {
    const store = databaseBlobStore(t.handle.db);
    const content = bytes('<Invoice>é€</Invoice>');
    const sha = await store.put(content, 'application/xml');
    expect(sha).toBe(sha256Hex(content));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.has(sha)).toBe(true);
    const stored = await store.get(sha);
    expect(stored?.mediaType).toBe('application/xml');
    expect(stored?.size).toBe(content.length);
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(content))).toBe(true);
  });

  it('gives the bytes back as base64 text too, every byte value and a large document included', async () => {
    const store = databaseBlobStore(t.handle.db);
    const content = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
    const sha = await store.put(content, 'application/octet-stream');
    const stored = await store.getBase64(sha);
    expect(stored).toMatchObject({ sha256: sha, size: content.length, mediaType: 'application/octet-stream' });
    expect(Buffer.from(stored!.base64, 'base64').equals(Buffer.from(content))).toBe(true);
    expect(await store.getBase64('0'.repeat(64))).toBeNull();
    expect(await store.getBase64('../x')).toBeNull();
  });

  it('hashes and encodes a large document in the CPU pool, storing the same bytes under the same hash', async () => {
    const pool = createCpuPool({ threads: 1 });
    try {
      const content = new Uint8Array(OFFLOAD_BYTES + 5).map((_, i) => (i * 31) % 251);
      const before = pool.stats().completed;
      const sha = await databaseBlobStore(t.handle.db, { pool }).put(content, 'application/xml');
      expect(pool.stats().completed - before).toBe(1);
      expect(sha).toBe(sha256Hex(content));
      const stored = await databaseBlobStore(t.handle.db).get(sha);
      expect(stored?.size).toBe(content.length);
      expect(Buffer.from(stored!.bytes).equals(Buffer.from(content))).toBe(true);
      // Small documents stay on the event loop: a round trip to a thread would cost more than the work.
      await databaseBlobStore(t.handle.db, { pool }).put(bytes('petit'), 'text/plain');
      expect(pool.stats().completed - before).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('is idempotent: the same bytes twice make one row, even concurrently', async () => {
    const store = databaseBlobStore(t.handle.db);
    const content = bytes('same document, many senders');
    const hashes = await Promise.all(Array.from({ length: 10 }, () => store.put(content, 'application/xml')));
    expect(new Set(hashes).size).toBe(1);
    const [row] = await t.handle.db.select({ n: count() }).from(blobs).where(eq(blobs.sha256, hashes[0]!));
    expect(row?.n).toBe(1);
  });

  it('answers null / false for an unknown or malformed hash', async () => {
    const store = databaseBlobStore(t.handle.db);
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.get("x' or 1=1 --")).toBeNull();
  });

  it('writes inside a transaction and disappears with its rollback', async () => {
    const content = bytes('rolled back');
    const sha = sha256Hex(content);
    await expect(
      t.handle.db.transaction(async (tx) => {
        await databaseBlobStore(tx).put(content, 'text/plain');
        expect(await databaseBlobStore(tx).has(sha)).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await databaseBlobStore(t.handle.db).has(sha)).toBe(false);
  });
});
