// What storing a large document costs in CPU, done in a thread of the CPU pool (blob-store.ts): its SHA-256 and
// the base64 text PostgreSQL decodes, instead of the driver's hex encoding on the event loop (300 ms for 20 MB).
import { createHash } from 'node:crypto';

export function encodeForStore(bytes: Uint8Array): { sha256: string; base64: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return { sha256: createHash('sha256').update(buffer).digest('hex'), base64: buffer.toString('base64') };
}
