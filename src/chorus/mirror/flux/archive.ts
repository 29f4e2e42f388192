// A flux carries one invoice, or several as a .tar.gz (as Odoo sends them): gzip and ustar, read and written.
import { createGunzip, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  name: string;
  bytes: Uint8Array;
}

const BLOCK = 512;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Why an archive cannot be read, in French for the flux report. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

export interface TarGzLimits {
  maxEntries: number;
  /** Largest file inside the archive. */
  maxEntryBytes: number;
  /** Budget of decompressed bytes for the whole archive: a bomb stops here, a few kilobytes past it. */
  maxTotalBytes: number;
}

const megabytes = (n: number) => `${Math.floor(n / (1024 * 1024))} Mo`;

/**
 * Regular files of a .tar.gz, decompressed as a stream: memory holds the files kept so far and one chunk, never
 * more than the budget, whatever the archive claims. Throws an ArchiveError (French) on a damaged or oversized one.
 */
export async function readTarGz(bytes: Uint8Array, limits: TarGzLimits): Promise<ArchiveEntry[]> {
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  gunzip.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let pending: Buffer = Buffer.alloc(0);
  /** The entry being read: bytes left (its size then its padding), and its parts when it is kept. */
  let current: { name: string | undefined; left: number; padding: number; parts: Buffer[] } | undefined;
  let ended = false;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxTotalBytes)
        throw new ArchiveError(
          `l’archive décompressée dépasse ${megabytes(limits.maxTotalBytes)} (archive trop grande ou piégée)`,
        );
      if (ended) continue;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (current) {
          const take = Math.min(current.left, pending.length);
          if (current.name !== undefined && take > 0) current.parts.push(pending.subarray(0, take));
          current.left -= take;
          pending = pending.subarray(take);
          if (current.left > 0) break;
          const skip = Math.min(current.padding, pending.length);
          current.padding -= skip;
          pending = pending.subarray(skip);
          if (current.padding > 0) break;
          if (current.name !== undefined)
            entries.push({ name: current.name, bytes: new Uint8Array(Buffer.concat(current.parts)) });
          if (entries.length > limits.maxEntries)
            throw new ArchiveError(`plus de ${limits.maxEntries} factures dans le flux`);
          current = undefined;
        }
        if (pending.length < BLOCK) break;
        const header = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (header.every((b) => b === 0)) {
          ended = true;
          break;
        }
        current = entryOf(header, limits);
      }
    }
  } catch (error) {
    gunzip.destroy();
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('données compressées corrompues (gzip illisible)');
  }
  if (current || (!ended && pending.length > 0)) throw new ArchiveError('archive tronquée');
  return entries;
}

function entryOf(
  header: Buffer,
  limits: TarGzLimits,
): { name: string | undefined; left: number; padding: number; parts: Buffer[] } {
  const name = text(header, 0, 100);
  const prefix = text(header, 345, 155);
  const sizeField = text(header, 124, 12).trim();
  const size = /^[0-7]*$/.test(sizeField) ? Number.parseInt(sizeField || '0', 8) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveError('en-tête tar illisible');
  const type = String.fromCharCode(header[156] ?? 0);
  const regular = type === '0' || type === '\0';
  const full = prefix ? `${prefix}/${name}` : name;
  const base = full.split('/').pop() ?? full;
  const kept = regular && !base.startsWith('.');
  if (kept && size > limits.maxEntryBytes)
    throw new ArchiveError(`la facture « ${base.slice(0, 100)} » dépasse ${megabytes(limits.maxEntryBytes)}`);
  return { name: kept ? base : undefined, left: size, padding: (BLOCK - (size % BLOCK)) % BLOCK, parts: [] };
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
