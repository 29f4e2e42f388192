// Original documents, stored once by content hash. The database implementation keeps the bytes in
// the `blobs` table; an S3-compatible store can stand behind the same interface.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { blobs } from '../../db/schema/blobs.ts';

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
}

/** Lowercase hex SHA-256 of the bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A blob store on the `blobs` table. Accepts a transaction handle too: the put then commits with it. */
export function databaseBlobStore(db: Db): BlobStore {
  return {
    async put(bytes, mediaType) {
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
    async has(sha256) {
      if (!SHA256_HEX.test(sha256)) return false;
      const [row] = await db.select({ sha256: blobs.sha256 }).from(blobs).where(eq(blobs.sha256, sha256));
      return row !== undefined;
    },
  };
}
