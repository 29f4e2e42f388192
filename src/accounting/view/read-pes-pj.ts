// Reads one PJ of a stored PES Aller for download: its Fichier content (gzip in base64, as PES_PJ carries it) is
// decoded while the file streams past, so neither the file nor the PJ is held whole.
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';

export interface PjDownload {
  mimeType: string;
  nomPJ: string;
  /** The decompressed bytes, streamed. */
  body: Readable;
}

/**
 * Finds the PJ whose IdUnique is `idUnique`. IdUnique follows Contenu in a PJ, so the content of every PJ is decoded
 * into a buffer only up to `maxBytes` (the decompression budget), kept while its IdUnique is not yet known.
 */
export async function readPesPj(source: Readable, idUnique: string, maxBytes: number): Promise<PjDownload | undefined> {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  let base64 = '';
  let mimeType = 'application/octet-stream';
  let current: { id: string; nomPJ: string; base64: string; mimeType: string } | undefined;
  let found: typeof current;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    stack.push(tag.local);
    if (tag.local === 'PJ') current = { id: '', nomPJ: '', base64: '', mimeType: '' };
    if (tag.local === 'Fichier') {
      base64 = '';
      const attr = tag.attributes['MIMEType'];
      mimeType = (typeof attr === 'string' ? attr : attr?.value) ?? 'application/octet-stream';
    }
    const v = tag.attributes['V'];
    const value = typeof v === 'string' ? v : v?.value;
    if (current && parent === 'PJ' && value !== undefined) {
      if (tag.local === 'IdUnique') current.id = value;
      if (tag.local === 'NomPJ') current.nomPJ = value;
    }
  });
  parser.on('text', (text) => {
    // The base64 text of the file's largest PJ is bounded by the file's own cap (128 MiB).
    if (stack[stack.length - 1] === 'Fichier' && base64.length <= (maxBytes * 4) / 3 + 4) base64 += text.trim();
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.local === 'Fichier' && current) {
      current.base64 = base64;
      current.mimeType = mimeType;
      base64 = '';
    }
    if (tag.local === 'PJ' && current) {
      if (current.id === idUnique) found = current;
      current = undefined;
    }
  });
  for await (const chunk of source as AsyncIterable<Buffer>) {
    parser.write(chunk.toString('latin1'));
    if (found || failure) break;
  }
  source.destroy();
  if (!found) return undefined;
  const gunzip = createGunzip();
  const body = new PassThrough();
  let size = 0;
  gunzip.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) gunzip.destroy(new Error('PJ over its decompression budget'));
  });
  gunzip.on('error', (error) => body.destroy(error));
  gunzip.pipe(body);
  gunzip.end(Buffer.from(found.base64, 'base64'));
  return { mimeType: found.mimeType, nomPJ: found.nomPJ || `${idUnique}.bin`, body };
}
