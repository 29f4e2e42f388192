import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { openingSegments, sealSegment } from './segment-cipher.ts';

const key = randomBytes(32);
const plain = [randomBytes(1000), randomBytes(1000), randomBytes(17)];
const sealed = plain.map((p, i) => sealSegment(key, i, i === plain.length - 1, p));

async function open(segments: Buffer[], options?: { final?: boolean }): Promise<Buffer> {
  const out: Buffer[] = [];
  // Fed in odd pieces, as a stored file streams.
  const bytes = Buffer.concat(segments);
  const pieces = [bytes.subarray(0, 5), bytes.subarray(5, 1500), bytes.subarray(1500)];
  await pipeline(
    Readable.from(pieces),
    openingSegments(key, options),
    new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) }),
  );
  return Buffer.concat(out);
}

describe('segmented sealing', () => {
  it('opens the segments to the exact bytes, and holds no clear byte', async () => {
    expect(Buffer.concat(sealed).includes(plain[0]!.subarray(0, 16))).toBe(false);
    const opened = await open(sealed);
    expect(createHash('sha256').update(opened).digest('hex')).toBe(
      createHash('sha256').update(Buffer.concat(plain)).digest('hex'),
    );
  });

  it('detects an altered byte, a dropped, swapped or repeated segment, and a file cut after a segment', async () => {
    const altered = sealed.map((s) => Buffer.from(s));
    altered[1]![40] = altered[1]![40]! ^ 1;
    await expect(open(altered)).rejects.toThrow();
    await expect(open([sealed[0]!, sealed[2]!])).rejects.toThrow();
    await expect(open([sealed[1]!, sealed[0]!, sealed[2]!])).rejects.toThrow();
    await expect(open([sealed[0]!, sealed[0]!, sealed[1]!, sealed[2]!])).rejects.toThrow();
    await expect(open([sealed[0]!, sealed[1]!])).rejects.toThrow();
    await expect(open([...sealed.slice(0, 2), sealed[2]!.subarray(0, 30)])).rejects.toThrow();
  });

  it('opens the stored prefix of an upload still running only as a prefix', async () => {
    const prefix = plain.slice(0, 2).map((p, i) => sealSegment(key, i, false, p));
    expect((await open(prefix, { final: false })).length).toBe(2000);
    await expect(open(prefix)).rejects.toThrow();
  });
});
