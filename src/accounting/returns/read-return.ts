// Reads a stored return file with the streaming parser (PES_Retour files beyond 150 MB exist).
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { ReturnReader, type ReturnRead } from '../domain/return-reader.ts';

export async function readReturnStream(source: Readable): Promise<ReturnRead & { unreadable?: string }> {
  const reader = new ReturnReader();
  const parser = new SaxesParser({ xmlns: true, position: false });
  let unreadable: string | undefined;
  parser.on('doctype', () => (unreadable ??= 'DTD présente'));
  parser.on('error', (error) => (unreadable ??= error.message));
  parser.on('opentag', (tag) => {
    if (unreadable) return;
    const v = Object.values(tag.attributes).find((a) => a.local === 'V' && a.uri === '')?.value;
    reader.open(tag.local, v);
    if (tag.isSelfClosing) reader.close();
  });
  parser.on('closetag', (tag) => {
    if (!unreadable && !tag.isSelfClosing) reader.close();
  });
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (unreadable) {
      source.destroy();
      break;
    }
    parser.write(chunk.toString('latin1'));
  }
  if (!unreadable) parser.close();
  return { ...reader.result(), ...(unreadable ? { unreadable } : {}) };
}
