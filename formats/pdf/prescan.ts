// Checks run on the raw bytes before pdf-lib parses them, so that hostile inputs
// cannot make the parser use unbounded memory.
import { pdfMalformed, pdfTooLarge } from './errors.ts';
import { inflateCapped, StreamDecodeError } from './filters.ts';

const STREAM = Buffer.from('stream', 'latin1');

/**
 * pdf-lib builds literal and hexadecimal strings one character at a time: a string of
 * tens of megabytes costs gigabytes of memory. Refuse any string or name longer than
 * `maxBytes`, and more than 16 × `maxBytes` of strings in all, outside stream data
 * (a skim of the syntax: strings, comments, streams skipped whole).
 */
export function checkTokenSizes(buf: Buffer, maxBytes: number): void {
  const n = buf.length;
  let stringBudget = 16 * maxBytes;
  const spend = (bytes: number): void => {
    stringBudget -= bytes;
    if (stringBudget < 0) throw pdfMalformed('les chaînes de caractères du document sont démesurées');
  };
  let i = 0;
  while (i < n) {
    const c = buf[i]!;
    if (c === 0x28 /* ( */) {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        const d = buf[j]!;
        if (d === 0x5c /* \ */) j += 2;
        else {
          if (d === 0x28) depth++;
          else if (d === 0x29) depth--;
          j++;
        }
        if (j - i > maxBytes) throw pdfMalformed('une chaîne de caractères du document est démesurée');
      }
      spend(j - i);
      i = j;
    } else if (c === 0x3c /* < */ && buf[i + 1] !== 0x3c) {
      const end = buf.indexOf(0x3e /* > */, i + 1);
      const stop = end < 0 ? n : end;
      if (stop - i > maxBytes) throw pdfMalformed('une chaîne hexadécimale du document est démesurée');
      spend(stop - i);
      i = stop + 1;
    } else if (c === 0x3c) {
      i += 2;
    } else if (c === 0x25 /* % */) {
      while (i < n && buf[i] !== 0x0a && buf[i] !== 0x0d) i++;
    } else if (c === 0x73 /* s */ && isStreamKeyword(buf, i)) {
      const end = buf.indexOf('endstream', i + STREAM.length, 'latin1');
      if (end < 0) return;
      i = end + 9;
    } else if (c === 0x2f /* / */) {
      i++;
    } else if (isRegularChar(c)) {
      // A name, number or keyword: a run of regular characters.
      let j = i + 1;
      while (j < n && isRegularChar(buf[j]!)) j++;
      if (j - i > maxBytes) throw pdfMalformed('un nom ou un nombre du document est démesuré');
      i = j;
    } else {
      i++;
    }
  }
}

/** "stream" as a keyword: preceded by a delimiter or whitespace, followed by an end of line. */
function isStreamKeyword(buf: Buffer, i: number): boolean {
  if (buf[i + 1] !== 0x74 || !buf.subarray(i, i + STREAM.length).equals(STREAM)) return false;
  const before = buf[i - 1];
  const after = buf[i + STREAM.length];
  const delimiterBefore = before === undefined || before <= 0x20 || before === 0x3e; /* > */
  return delimiterBefore && (after === 0x0a || after === 0x0d);
}

const STRUCTURE_TYPES = [Buffer.from('/ObjStm', 'latin1'), Buffer.from('/XRef', 'latin1')];
const STREAM_KEYWORD = Buffer.from('stream', 'latin1');
const ENDSTREAM_KEYWORD = Buffer.from('endstream', 'latin1');
const MAX_STRUCTURE_STREAMS = 10_000;
/** Largest distance between a /Type entry and the `stream` keyword of its object. */
const MAX_DICT_SPAN = 4096;

/**
 * pdf-lib inflates object streams and cross-reference streams while parsing,
 * without any output limit. Before handing the bytes over, measure their inflated
 * size ourselves with a global budget so that a decompression bomb is refused.
 * Every byte of the file is scanned a bounded number of times.
 */
export function checkStructureStreams(buf: Buffer, budget: number): void {
  let remaining = budget;
  let seen = 0;
  for (const type of STRUCTURE_TYPES) {
    let at = buf.indexOf(type);
    while (at >= 0) {
      if (++seen > MAX_STRUCTURE_STREAMS) throw pdfMalformed("le nombre de flux d'objets est excessif");
      let next = at + type.length;
      const following = buf[next];
      if (following === undefined || !isRegularChar(following)) {
        const window = buf.subarray(next, next + MAX_DICT_SPAN);
        const offset = window.indexOf(STREAM_KEYWORD);
        if (offset >= 0 && buf[next + offset - 3] !== 0x65 /* the "stream" of "endstream" */) {
          let dataStart = next + offset + STREAM_KEYWORD.length;
          if (buf[dataStart] === 0x0d) dataStart++;
          if (buf[dataStart] === 0x0a) dataStart++;
          const dataEnd = buf.indexOf(ENDSTREAM_KEYWORD, dataStart);
          if (dataEnd < 0) break; // no stream ends after this point: nothing more to measure
          try {
            remaining -= inflateCapped(buf.subarray(dataStart, dataEnd), remaining).length;
          } catch (err) {
            if (err instanceof StreamDecodeError && err.tooLarge) {
              throw pdfTooLarge('Le contenu décompressé de la structure du PDF', budget);
            }
            // Not deflate data (or another filter): left to the parser.
          }
          next = dataEnd + ENDSTREAM_KEYWORD.length;
        }
      }
      at = buf.indexOf(type, next);
    }
  }
}

/** PDF regular characters: anything that is neither whitespace nor a delimiter. */
function isRegularChar(c: number): boolean {
  return !(
    c <= 0x20 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x2f ||
    c === 0x25
  );
}
