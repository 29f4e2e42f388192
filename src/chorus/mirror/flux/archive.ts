// A flux carries one invoice, or several as a .tar.gz (as Odoo sends them): gzip and ustar, read and written.
import { gunzipSync, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  name: string;
  bytes: Uint8Array;
}

const BLOCK = 512;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Regular files of a .tar.gz, at most `maxEntries`; throws on a damaged archive. */
export function readTarGz(bytes: Uint8Array, maxEntries: number, maxBytes: number): ArchiveEntry[] {
  const tar = gunzipSync(bytes, { maxOutputLength: maxBytes });
  const entries: ArchiveEntry[] = [];
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = text(header, 0, 100);
    const prefix = text(header, 345, 155);
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0 || offset + BLOCK + size > tar.length)
      throw new Error('archive tronquée');
    const start = offset + BLOCK;
    if (type === '0' || type === '\0') {
      const full = prefix ? `${prefix}/${name}` : name;
      const base = full.split('/').pop() ?? full;
      if (!base.startsWith('.')) entries.push({ name: base, bytes: new Uint8Array(tar.subarray(start, start + size)) });
      if (entries.length > maxEntries) throw new Error(`plus de ${maxEntries} factures dans le flux`);
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

export function writeTarGz(entries: readonly ArchiveEntry[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const header = Buffer.alloc(BLOCK);
    header.write(entry.name.slice(0, 99), 0, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${entry.bytes.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(
      `${Math.floor(Date.now() / 1000)
        .toString(8)
        .padStart(11, '0')}\0`,
      136,
    );
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    const checksum = header.reduce((sum, b) => sum + b, 0);
    header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, Buffer.from(entry.bytes), Buffer.alloc((BLOCK - (entry.bytes.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return new Uint8Array(gzipSync(Buffer.concat(blocks)));
}

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return Buffer.from(end >= 0 ? slice.subarray(0, end) : slice).toString('utf8');
}
