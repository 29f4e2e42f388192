// Large bodies made on the fly, never held whole: chunks are views of a 1 MiB block derived from a seed (two
// sources of one seed give the same bytes), so producing a GiB allocates nothing and leaves no garbage behind.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const BLOCK = 1024 * 1024;
const blocks = new Map<string, Buffer>();

function blockFor(seed: string): Buffer {
  let block = blocks.get(seed);
  if (!block) {
    block = Buffer.alloc(BLOCK);
    for (let i = 0; i * 32 < BLOCK; i++)
      createHash('sha256')
        .update(`${seed}:${i}`)
        .digest()
        .copy(block, i * 32);
    blocks.set(seed, block);
  }
  return block;
}

export interface GeneratedBytes {
  stream: Readable;
  /** Bytes handed out so far (what the consumer pulled). */
  produced(): number;
  /** SHA-256 of everything handed out, once the stream has ended. */
  sha256(): string;
}

export interface GenerateOptions {
  seed?: string;
  chunkSize?: number;
  /** Fail the stream with this error once `failAt` bytes were handed out (a sender that goes away). */
  failAt?: number;
  /** Awaited before the chunk that starts at this offset is produced (lets a test look at the consumer midway). */
  pauseAt?: { offset: number; until: Promise<unknown> };
}

/** `total` bytes as a Readable, produced only as fast as the consumer reads. */
export function generatedBytes(total: number, options: GenerateOptions = {}): GeneratedBytes {
  const block = blockFor(options.seed ?? 'hub');
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const hash = createHash('sha256');
  let offset = 0;
  let digest: string | undefined;
  let pause = options.pauseAt;
  async function* chunks(): AsyncGenerator<Buffer> {
    while (offset < total) {
      if (options.failAt !== undefined && offset >= options.failAt) throw new Error('sender went away');
      if (pause && offset >= pause.offset) {
        const { until } = pause;
        pause = undefined;
        await until;
      }
      yield nextChunk();
    }
  }
  function nextChunk(): Buffer {
    const size = Math.min(chunkSize, total - offset);
    const start = offset % BLOCK;
    // The block is never written again, so a view of it is safe to hand out; only a chunk across its end is copied.
    const chunk =
      start + size <= BLOCK
        ? block.subarray(start, start + size)
        : Buffer.concat([block.subarray(start), block.subarray(0, size - (BLOCK - start))]);
    hash.update(chunk);
    offset += size;
    return chunk;
  }
  return {
    stream: Readable.from(chunks(), { objectMode: false }),
    produced: () => offset,
    sha256: () => (digest ??= hash.digest('hex')),
  };
}

/** SHA-256 of a whole stream (read to the end). */
export async function sha256Of(stream: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
