// Original documents, stored once by content hash. The database implementation keeps the bytes in
// the `blobs` table; an S3-compatible store can stand behind the same interface.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { blobs } from '../../db/schema/blobs.ts';
import type * as Encoding from './blob-encoding.ts';
import { cpuJob } from './cpu-pool/pool.ts';
import type { CpuPool } from './cpu-pool/pool.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
  mediaType: string;
  bytes: Uint8Array;
}

export interface BlobStore {
  /** Stores the bytes (idempotent: the same bytes stored twice give the same hash, one row) and returns their SHA-256. */
  put(bytes: Uint8Array, mediaType: string): Promise<string>;
  /** The stored document, or null when no document has this hash. */
  get(sha256: string): Promise<StoredBlob | null>;
  has(sha256: string): Promise<boolean>;
  /**
   * The document's bytes as base64 text (PostgreSQL encodes them), for a large document handed to a thread of the
   * CPU pool that decodes it there: the driver's own bytea decoding runs on the event loop (200 ms for 20 MB).
   */
  getBase64(sha256: string): Promise<{ sha256: string; size: number; mediaType: string; base64: string } | null>;
}

/** Lowercase hex SHA-256 of the bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The same hash, computed by WebCrypto in libuv's thread pool rather than on the event loop. */
export async function sha256HexOffLoop(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)).toString('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

const ENCODE_FOR_STORE = cpuJob<typeof Encoding, 'encodeForStore'>(
  new URL('./blob-encoding.ts', import.meta.url),
  'encodeForStore',
);

/** Documents from this size on are hashed and encoded in the CPU pool, when the store is given one. */
export const OFFLOAD_BYTES = 1024 * 1024;

/**
 * A blob store on the `blobs` table. Accepts a transaction handle too: the put then commits with it. With a CPU
 * pool, a large document is hashed and encoded in one of its threads rather than on the event loop.
 */
export function databaseBlobStore(db: Db, options: { pool?: CpuPool } = {}): BlobStore {
  return {
    async put(bytes, mediaType) {
      if (options.pool && bytes.length >= OFFLOAD_BYTES) {
        const { sha256, base64 } = await options.pool.run(ENCODE_FOR_STORE, bytes, {
          label: 'enregistrement du document',
          weight: bytes.length,
        });
        await db
          .insert(blobs)
          .values({ sha256, size: bytes.length, mediaType, content: sql`decode(${base64}, 'base64')` })
          .onConflictDoNothing({ target: blobs.sha256 });
        return sha256;
      }
      const sha256 = sha256Hex(bytes);
      await db
        .insert(blobs)
        .values({
          sha256,
          size: bytes.length,
          mediaType,
          content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
        })
        .onConflictDoNothing({ target: blobs.sha256 });
      return sha256;
    },
    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) return null;
      const [row] = await db.select().from(blobs).where(eq(blobs.sha256, sha256));
      if (!row || row.content === null) return null;
      const bytes = new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.length);
      return { sha256: row.sha256, size: row.size, mediaType: row.mediaType, bytes };
    },
    async getBase64(sha256) {
      if (!SHA256_HEX.test(sha256)) return null;
      const [row] = await db
        .select({
          sha256: blobs.sha256,
          size: blobs.size,
          mediaType: blobs.mediaType,
          base64: sql<string | null>`encode(${blobs.content}, 'base64')`,
        })
        .from(blobs)
        .where(eq(blobs.sha256, sha256));
      if (!row || row.base64 === null) return null;
      return { sha256: row.sha256, size: row.size, mediaType: row.mediaType, base64: row.base64 };
    },
    async has(sha256) {
      if (!SHA256_HEX.test(sha256)) return false;
      const [row] = await db.select({ sha256: blobs.sha256 }).from(blobs).where(eq(blobs.sha256, sha256));
      return row !== undefined;
    },
  };
}
