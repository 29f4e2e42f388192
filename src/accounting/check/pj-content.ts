// A PJ's content is its file gzip-compressed then base64-encoded. Decoding it proves it is whole, and the
// decompression budget stops a gzip bomb before it fills the memory: the output is counted, never kept.
import { createGunzip } from 'node:zlib';

export type PjDecodeOutcome =
  { ok: true; size: number } | { ok: false; reason: 'base64' | 'gzip' | 'empty' | 'budget'; detail?: string };

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Decodes and counts the bytes of one PJ; `budget` is the most its original may weigh. */
export async function decodePjContent(base64: string, budget: number): Promise<PjDecodeOutcome> {
  if (!BASE64.test(base64)) return { ok: false, reason: 'base64' };
  const compressed = Buffer.from(base64, 'base64');
  if (compressed.length === 0) return { ok: false, reason: 'empty' };
  return new Promise<PjDecodeOutcome>((resolve) => {
    const gunzip = createGunzip({ chunkSize: 64 * 1024 });
    let size = 0;
    let done = false;
    const finish = (outcome: PjDecodeOutcome) => {
      if (done) return;
      done = true;
      resolve(outcome);
    };
    gunzip.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        finish({ ok: false, reason: 'budget' });
        gunzip.destroy();
      }
    });
    gunzip.on('error', (error: Error) => finish({ ok: false, reason: 'gzip', detail: error.message }));
    gunzip.on('end', () => finish(size === 0 ? { ok: false, reason: 'empty' } : { ok: true, size }));
    gunzip.end(compressed);
  });
}
