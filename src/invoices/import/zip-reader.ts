// Reads a ZIP archive (APPNOTE 6.3) from its central directory, one entry at a time, so that an archive of thousands
// of invoices never sits in memory whole. Stored and deflated entries, ZIP64; no encryption, no multi-disk archives.
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.ts';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  /** Uncompressed size, as the central directory declares it. */
  size: number;
  compressedSize: number;
  method: number;
  crc32: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** The entry's bytes, checked against its size and CRC; throws a `ZipError` when they cannot be read. */
  read(entry: ZipEntry): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The archive or one of its entries cannot be read; the message is French, for the user. */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export async function openZip(path: string): Promise<ZipArchive> {
  const file = await open(path, 'r');
  try {
    const entries = await readCentralDirectory(file);
    const { size } = await file.stat();
    return { entries, read: (entry) => readEntry(file, size, entry), close: () => file.close() };
  } catch (error) {
    await file.close();
    throw error;
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new ZipError('archive tronquée');
  return buffer;
}

async function readCentralDirectory(file: FileHandle): Promise<ZipEntry[]> {
  const { size } = await file.stat();
  if (size < EOCD_SIZE) throw new ZipError('ce n’est pas une archive ZIP');
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tail = await readAt(file, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('ce n’est pas une archive ZIP (fin de répertoire introuvable)');
  const eocdOffset = size - tailLength + at;
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
    throw new ZipError('les archives en plusieurs volumes ne sont pas prises en charge');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);

  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: a locator sits just before the classic end record and points at the ZIP64 one.
    if (eocdOffset < 20) throw new ZipError('enregistrement ZIP64 introuvable');
    const locator = await readAt(file, eocdOffset - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipError('enregistrement ZIP64 introuvable');
    const record = await readAt(file, safeNumber(locator.readBigUInt64LE(8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('enregistrement ZIP64 invalide');
    count = safeNumber(record.readBigUInt64LE(32));
    directorySize = safeNumber(record.readBigUInt64LE(40));
    directoryOffset = safeNumber(record.readBigUInt64LE(48));
  }
  if (directoryOffset + directorySize > size) throw new ZipError('répertoire central hors de l’archive');

  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL)
      throw new ZipError('répertoire central corrompu');
    const flags = directory.readUInt16LE(p + 8);
    const method = directory.readUInt16LE(p + 10);
    const crc = directory.readUInt32LE(p + 16);
    let compressedSize = directory.readUInt32LE(p + 20);
    let uncompressedSize = directory.readUInt32LE(p + 24);
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    let localHeaderOffset = directory.readUInt32LE(p + 42);
    const nameBytes = directory.subarray(p + 46, p + 46 + nameLength);
    const extra = directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    let unicodeName: string | undefined;
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra.readUInt16LE(e);
      const length = extra.readUInt16LE(e + 2);
      const data = extra.subarray(e + 4, e + 4 + length);
      if (id === 0x0001) {
        // ZIP64 extended information: only the fields whose classic value is saturated, in this order.
        let q = 0;
        const next = () => {
          if (q + 8 > data.length) throw new ZipError('champ ZIP64 incomplet');
          const value = safeNumber(data.readBigUInt64LE(q));
          q += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      } else if (id === 0x7075 && data.length > 5 && data[0] === 1 && data.readUInt32LE(1) === crc32(nameBytes)) {
        // Info-ZIP Unicode Path: the UTF-8 name of an archive whose names are in the legacy code page.
        unicodeName = data.subarray(5).toString('utf8');
      }
      e += 4 + length;
    }
    entries.push({
      name: flags & 0x0800 ? nameBytes.toString('utf8') : (unicodeName ?? decodeCp437(nameBytes)),
      size: uncompressedSize,
      compressedSize,
      method,
      crc32: crc,
      encrypted: (flags & 0x0001) !== 0,
      localHeaderOffset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function readEntry(file: FileHandle, archiveSize: number, entry: ZipEntry): Promise<Uint8Array> {
  if (entry.encrypted) throw new ZipError('fichier chiffré dans l’archive');
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError(
      `méthode de compression ${entry.method} non prise en charge (seules « stockée » et « deflate » le sont)`,
    );
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL) throw new ZipError('en-tête local introuvable');
  const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  // A header may claim gigabytes in a 120-byte archive: never allocate for more than the archive holds.
  if (dataOffset + entry.compressedSize > archiveSize)
    throw new ZipError(
      `l’entrée déclare ${entry.compressedSize} octets compressés, plus que l’archive n’en contient (${archiveSize})`,
    );
  const compressed = await readAt(file, dataOffset, entry.compressedSize);
  let bytes: Uint8Array;
  if (entry.method === 0) {
    bytes = compressed;
  } else {
    try {
      // Never more than the declared size: a lying header cannot make us inflate a bomb.
      bytes = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.size) });
    } catch {
      throw new ZipError('données compressées corrompues ou plus grandes que déclaré');
    }
  }
  if (bytes.length !== entry.size)
    throw new ZipError(`taille lue (${bytes.length} octets) différente de la taille déclarée (${entry.size})`);
  if (crc32(bytes) !== entry.crc32) throw new ZipError('somme de contrôle CRC-32 incorrecte');
  return bytes;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('archive trop grande');
  return Number(value);
}

// Code page 437, bytes 0x80–0xFF: what ZIP names mean when the UTF-8 flag is not set.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return out;
}
