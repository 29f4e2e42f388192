import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { blobs } from '../../db/schema/blobs.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { databaseBlobStore, sha256Hex } from './blob-store.ts';

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
