// Finds the signatures of a PDF and what each signs, reading the stored file as a stream, twice, never whole:
// the first pass finds every `/ByteRange [a b c d]`; the second hashes the bytes each range names, and keeps the
// `/Contents` hole (the CMS, hex) and the few kilobytes of its signature dictionary around the hole.
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Digests computed over each signature's ranges: the CMS says which one it used only once it is read. */
export const DIGESTS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type DigestName = (typeof DIGESTS)[number];

/** The CMS of a signature is a few kilobytes; a hole larger than this is not a signature we read. */
const MAX_HOLE_BYTES = 1024 * 1024;
/** Signature dictionaries found beyond this many are reported, not read. */
export const MAX_SIGNATURES = 16;
const MARK = Buffer.from('/ByteRange', 'latin1');
/** Bytes after `/ByteRange` enough for its four integers, spaces included. */
const ARRAY_WINDOW = 160;
const DICTIONARY_WINDOW = 4096;

export interface FoundSignature {
  /** Where `/ByteRange` was found. */
  offset: number;
  byteRange: [number, number, number, number] | null;
}

export interface SignedRanges {
  byteRange: [number, number, number, number];
  /** The hole's bytes as found (`<hex…>`), and the decoded CMS (trailing zero padding left in). */
  holeText: string;
  cms: Buffer | null;
  /** The signature dictionary's text without its /Contents (from its `obj` to its `endobj`, as far as seen). */
  dictionary: string;
  digests: Record<DigestName, Buffer>;
}

export interface ScanResult {
  size: number;
  isPdf: boolean;
  found: FoundSignature[];
}

/** Pass 1: the file's size, whether it starts like a PDF, and every `/ByteRange` array in it. */
export async function findByteRanges(stream: Readable): Promise<ScanResult> {
  let buf: Buffer = Buffer.alloc(0);
  let bufStart = 0;
  let scanFrom = 0;
  let size = 0;
  let head: Buffer = Buffer.alloc(0);
  const found: FoundSignature[] = [];
  const scan = (final: boolean) => {
    for (;;) {
      const idx = buf.indexOf(MARK, Math.max(0, scanFrom - bufStart));
      if (idx < 0) {
        scanFrom = Math.max(scanFrom, bufStart + buf.length - MARK.length + 1);
        return;
      }
      if (!final && idx + ARRAY_WINDOW > buf.length) {
        scanFrom = bufStart + idx;
        return;
      }
      if (found.length < MAX_SIGNATURES + 1) {
        const text = buf.subarray(idx + MARK.length, idx + ARRAY_WINDOW).toString('latin1');
        found.push({ offset: bufStart + idx, byteRange: parseByteRange(text) });
      }
      scanFrom = bufStart + idx + 1;
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (head.length < 1024) head = Buffer.concat([head, chunk.subarray(0, 1024 - head.length)]);
    size += chunk.length;
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    scan(false);
    const keep = Math.max(0, Math.min(buf.length, scanFrom - bufStart));
    buf = Buffer.from(buf.subarray(keep));
    bufStart += keep;
  }
  scan(true);
  // ISO 32000: the header may follow up to 1 KiB of other bytes.
  return { size, isPdf: head.includes(Buffer.from('%PDF-', 'latin1')), found };
}

function parseByteRange(text: string): [number, number, number, number] | null {
  const m = /^\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(text);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

/** A byte range that can be read: in the file, the hole after the first range, not too large. */
export function rangeProblem(r: [number, number, number, number], size: number): string | undefined {
  const [a, b, c, d] = r;
  if (a + b > c) return 'les deux plages se chevauchent';
  if (c + d > size) return `la seconde plage dépasse la fin du fichier (${c + d} > ${size} octets)`;
  if (c - (a + b) > MAX_HOLE_BYTES) return 'l’emplacement de la signature dépasse 1 Mio';
  return undefined;
}

interface Collector {
  ranges: [number, number][];
  hashes: Record<DigestName, Hash>;
  /** [start, end) windows to copy: before the hole, the hole, after the hole. */
  windows: { start: number; end: number; parts: Buffer[] }[];
}

/** Pass 2: for each readable byte range, its digests, its hole and its dictionary. */
export async function readSignedRanges(
  stream: Readable,
  byteRanges: [number, number, number, number][],
): Promise<SignedRanges[]> {
  const collectors: Collector[] = byteRanges.map(([a, b, c, d]) => ({
    ranges: [
      [a, a + b],
      [c, c + d],
    ],
    hashes: Object.fromEntries(DIGESTS.map((n) => [n, createHash(n)])) as Record<DigestName, Hash>,
    windows: [
      { start: Math.max(0, a + b - DICTIONARY_WINDOW), end: a + b, parts: [] },
      { start: a + b, end: c, parts: [] },
      { start: c, end: c + DICTIONARY_WINDOW, parts: [] },
    ],
  }));
  let at = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const end = at + chunk.length;
    for (const col of collectors) {
      for (const [s, e] of col.ranges) {
        const from = Math.max(s, at);
        const to = Math.min(e, end);
        if (from < to) for (const h of Object.values(col.hashes)) h.update(chunk.subarray(from - at, to - at));
      }
      for (const w of col.windows) {
        const from = Math.max(w.start, at);
        const to = Math.min(w.end, end);
        if (from < to) w.parts.push(Buffer.from(chunk.subarray(from - at, to - at)));
      }
    }
    at = end;
  }
  return collectors.map((col, i) => {
    const [before, hole, after] = col.windows.map((w) => Buffer.concat(w.parts).toString('latin1')) as [
      string,
      string,
      string,
    ];
    const objStart = before.lastIndexOf(' obj');
    const objEnd = after.indexOf('endobj');
    return {
      byteRange: byteRanges[i]!,
      holeText: hole,
      cms: decodeHole(hole),
      dictionary: before.slice(objStart < 0 ? 0 : objStart) + after.slice(0, objEnd < 0 ? after.length : objEnd),
      digests: Object.fromEntries(DIGESTS.map((n) => [n, col.hashes[n].digest()])) as Record<DigestName, Buffer>,
    };
  });
}

/** The hole must be exactly `<hex>`: anything else means the ranges do not frame the /Contents string. */
function decodeHole(hole: string): Buffer | null {
  const m = /^<([0-9A-Fa-f\s]*)>$/.exec(hole);
  if (!m) return null;
  const hex = m[1]!.replace(/\s/g, '');
  if (hex.length % 2 !== 0 || hex.length === 0) return null;
  return Buffer.from(hex, 'hex');
}

/** A name value of the dictionary (`/SubFilter /ETSI.CAdES.detached` → `ETSI.CAdES.detached`). */
export function dictionaryName(dictionary: string, key: string): string | undefined {
  return new RegExp(`/${key}\\s*/([^\\s/<>\\[\\]()]+)`).exec(dictionary)?.[1];
}

/** A literal string value of the dictionary (`/M (D:20260101120000+01'00')`), escapes left as they are. */
export function dictionaryString(dictionary: string, key: string): string | undefined {
  return new RegExp(`/${key}\\s*\\(((?:[^()\\\\]|\\\\.)*)\\)`).exec(dictionary)?.[1];
}

/** A PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`) as an instant, or undefined. */
export function pdfDate(text: string | undefined): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text ?? '');
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz = 'Z'] = m;
  const offset = tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5) || '00'}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
