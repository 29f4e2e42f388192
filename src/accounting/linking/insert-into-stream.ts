// Copies a stored file while inserting text at given byte offsets: PJRefs into mandate lines, PJs into PES_PJ,
// signatures into bordereaux. Streamed; an insertion's text is produced only when its offset is reached.
import type { Readable } from 'node:stream';

export interface Insertion {
  offset: number;
  /** Latin-1 text to insert (produced lazily: an embedded PJ may weigh megabytes). */
  text: () => Promise<string>;
}

export async function* insertIntoStream(source: Readable, insertions: readonly Insertion[]): AsyncGenerator<Buffer> {
  const sorted = [...insertions].sort((a, b) => a.offset - b.offset);
  let next = 0;
  let position = 0;
  for await (const raw of source as AsyncIterable<Buffer>) {
    let chunk = raw;
    while (next < sorted.length && (sorted[next] as Insertion).offset <= position + chunk.length) {
      const insertion = sorted[next] as Insertion;
      const cut = insertion.offset - position;
      if (cut > 0) yield chunk.subarray(0, cut);
      yield Buffer.from(await insertion.text(), 'latin1');
      chunk = chunk.subarray(cut);
      position += cut;
      next += 1;
    }
    if (chunk.length > 0) yield chunk;
    position += chunk.length;
  }
  for (; next < sorted.length; next++) yield Buffer.from(await (sorted[next] as Insertion).text(), 'latin1');
}
