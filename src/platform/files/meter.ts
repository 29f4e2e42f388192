// The bytes on their way to a backend: counted, hashed and capped as they pass, one chunk at a time.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export type MeterFailure = { reason: 'too-large' } | { reason: 'source-failed'; cause: unknown };

export interface Meter {
  /** What the backend reads. It fails as soon as the cap is passed or the source fails. */
  readonly stream: Readable;
  /** Why the stream failed, when the failure came from the source or the cap (not from the backend). */
  failure(): MeterFailure | undefined;
  /** Bytes seen so far. */
  size(): number;
  /** Lowercase hex SHA-256 of every byte; call once the stream has ended. */
  digest(): string;
}

class MeterError extends Error {}

export function meter(source: Readable | AsyncIterable<Uint8Array>, maxBytes: number): Meter {
  const hash = createHash('sha256');
  let size = 0;
  let failure: MeterFailure | undefined;

  async function* pass(): AsyncGenerator<Buffer> {
    const iterator = source[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (cause) {
        failure = { reason: 'source-failed', cause };
        throw new MeterError('source failed', { cause });
      }
      if (next.done) return;
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      size += chunk.length;
      if (size > maxBytes) {
        failure = { reason: 'too-large' };
        // Stop pulling: the rest of the source is never read (a request body is then closed by its server).
        await iterator.return?.();
        throw new MeterError('too large');
      }
      hash.update(chunk);
      yield chunk;
    }
  }

  let digest: string | undefined;
  return {
    stream: Readable.from(pass(), { objectMode: false, highWaterMark: 64 * 1024 }),
    failure: () => failure,
    size: () => size,
    digest: () => (digest ??= hash.digest('hex')),
  };
}
