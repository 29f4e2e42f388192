// Decoding of PDF stream filters with an output cap (ISO 32000-1 §7.4).
// Only the filters met in embedded invoice files and XMP packets are supported:
// FlateDecode (with PNG/TIFF predictors), ASCIIHexDecode, ASCII85Decode, RunLengthDecode.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';

/** Raised when a stream cannot be decoded; `tooLarge` when the output cap is reached. */
export class StreamDecodeError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'StreamDecodeError';
  }
}

export interface FilterStep {
  /** Filter name without the slash, e.g. "FlateDecode". */
  name: string;
  /** DecodeParms entries that matter here (numbers only). */
  params: Readonly<Record<string, number>>;
}

/** Applies the filters in order; every intermediate output is limited to `maxBytes`. */
export function decodeStream(data: Uint8Array, filters: readonly FilterStep[], maxBytes: number): Uint8Array {
  if (filters.length > 8) throw new StreamDecodeError('too many filters');
  let out = data;
  for (const filter of filters) {
    out = applyFilter(out, filter, maxBytes);
    if (out.length > maxBytes) throw new StreamDecodeError('decoded stream too large', true);
  }
  return out;
}

function applyFilter(data: Uint8Array, filter: FilterStep, maxBytes: number): Uint8Array {
  switch (filter.name) {
    case 'FlateDecode':
    case 'Fl':
      return applyPredictor(inflateCapped(data, maxBytes), filter.params);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHexDecode(data);
    case 'ASCII85Decode':
    case 'A85':
      return ascii85Decode(data);
    case 'RunLengthDecode':
    case 'RL':
      return runLengthDecode(data, maxBytes);
    default:
      throw new StreamDecodeError(`unsupported filter ${filter.name}`);
  }
}

/** zlib inflate that never allocates more than `maxBytes`; tolerates a missing end marker. */
export function inflateCapped(data: Uint8Array, maxBytes: number): Uint8Array {
  const options = { maxOutputLength: Math.max(1, maxBytes), finishFlush: constants.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, options);
  } catch (err) {
    if (isTooLarge(err)) throw new StreamDecodeError('decoded stream too large', true);
    // Some producers write raw deflate data without the zlib header.
    try {
      return inflateRawSync(data, options);
    } catch (rawErr) {
      if (isTooLarge(rawErr)) throw new StreamDecodeError('decoded stream too large', true);
      throw new StreamDecodeError(`corrupt deflate data: ${(err as Error).message}`);
    }
  }
}

function isTooLarge(err: unknown): boolean {
  return err instanceof RangeError || (err as { code?: string } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/** PNG (10..15) and TIFF (2) predictors, as used with FlateDecode. */
function applyPredictor(data: Uint8Array, params: Readonly<Record<string, number>>): Uint8Array {
  const predictor = params['Predictor'] ?? 1;
  if (predictor <= 1) return data;
  const colors = params['Colors'] ?? 1;
  const bpc = params['BitsPerComponent'] ?? 8;
  const columns = params['Columns'] ?? 1;
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bpc) || columns < 1 || columns > 1 << 20) {
    throw new StreamDecodeError('invalid predictor parameters');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLength = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new StreamDecodeError('unsupported TIFF predictor depth');
    const out = Uint8Array.from(data);
    for (let row = 0; row + rowLength <= out.length; row += rowLength) {
      for (let i = bpp; i < rowLength; i++) out[row + i] = (out[row + i]! + out[row + i - bpp]!) & 0xff;
    }
    return out;
  }
  if (predictor < 10) throw new StreamDecodeError(`unsupported predictor ${predictor}`);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  let prev = new Uint8Array(rowLength);
  for (let r = 0; r < rows; r++) {
    const src = r * (rowLength + 1);
    const type = data[src]!;
    const cur = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i++) {
      const raw = data[src + 1 + i]!;
      const left = i >= bpp ? cur[i - bpp]! : 0;
      const up = prev[i]!;
      const upLeft = i >= bpp ? prev[i - bpp]! : 0;
      let value: number;
      switch (type) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4:
          value = raw + paeth(left, up, upLeft);
          break;
        default:
          throw new StreamDecodeError(`invalid PNG row filter ${type}`);
      }
      cur[i] = value & 0xff;
    }
    prev = cur;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function isPdfWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2));
  let n = 0;
  let high = -1;
  for (const c of data) {
    if (c === 0x3e) break; // '>' end of data
    if (isPdfWhitespace(c)) continue;
    const v = hexValue(c);
    if (v < 0) throw new StreamDecodeError('invalid ASCIIHex data');
    if (high < 0) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high << 4;
  return out.subarray(0, n);
}

function ascii85Decode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length * 4 + 4); // 'z' expands one character to four bytes
  let n = 0;
  const group: number[] = [];
  const flush = (count: number): void => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    if (value > 0xffffffff) throw new StreamDecodeError('invalid ASCII85 group');
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    for (let i = 0; i < count - 1; i++) out[n++] = bytes[i]!;
    group.length = 0;
  };
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (isPdfWhitespace(c)) continue;
    if (c === 0x7e) break; // '~>' end of data
    if (c === 0x7a && group.length === 0) {
      out.fill(0, n, n + 4);
      n += 4;
      continue;
    }
    if (c < 0x21 || c > 0x75) throw new StreamDecodeError('invalid ASCII85 data');
    group.push(c - 0x21);
    if (group.length === 5) flush(5);
  }
  if (group.length === 1) throw new StreamDecodeError('invalid ASCII85 final group');
  if (group.length > 1) flush(group.length);
  return out.subarray(0, n);
}

function runLengthDecode(data: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let i = 0;
  while (i < data.length) {
    const length = data[i++]!;
    if (length === 128) break;
    let chunk: Uint8Array;
    if (length < 128) {
      chunk = data.subarray(i, i + length + 1);
      i += length + 1;
    } else {
      chunk = new Uint8Array(257 - length).fill(data[i++] ?? 0);
    }
    total += chunk.length;
    if (total > maxBytes) throw new StreamDecodeError('decoded stream too large', true);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
