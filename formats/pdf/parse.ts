// Parsing of an untrusted PDF with limits: size cap, sanity checks, bounded
// decompression of the streams the parser inflates itself, encryption refusal.
import { PDFDict, PDFParser, type PDFContext } from 'pdf-lib';
import { pdfEncrypted, pdfMalformed, PdfError, pdfTooLarge } from './errors.ts';
import { checkStructureStreams, checkTokenSizes } from './prescan.ts';

export interface PdfLimits {
  /** Largest accepted PDF file. */
  maxPdfBytes: number;
  /** Total decompressed size allowed for object and cross-reference streams. */
  maxStructureBytes: number;
  /** Longest string or name outside streams (the parser builds them character by character). */
  maxTokenBytes: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxPdfBytes: 64 * 1024 * 1024,
  maxStructureBytes: 64 * 1024 * 1024,
  maxTokenBytes: 1024 * 1024,
};

const HEADER = Buffer.from('%PDF-', 'latin1');
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');
const ENCRYPT = Buffer.from('/Encrypt', 'latin1');

/** True when the bytes start like a PDF (the header may follow a few junk bytes). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).indexOf(HEADER) >= 0;
}

/** Parses the document structure and returns pdf-lib's object context. Throws PdfError only. */
export async function parsePdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PDFContext> {
  if (bytes.length > limits.maxPdfBytes) throw pdfTooLarge('Le fichier PDF', limits.maxPdfBytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!looksLikePdf(buf)) throw pdfMalformed("l'en-tête %PDF- est absent");
  const tailStart = Math.max(0, buf.length - 2048);
  if (buf.indexOf(EOF_MARKER, tailStart) < 0)
    throw pdfMalformed('le fichier est tronqué (marqueur de fin %%EOF absent)');

  checkTokenSizes(buf, limits.maxTokenBytes);
  checkStructureStreams(buf, limits.maxStructureBytes);

  let context: PDFContext;
  try {
    context = await parseStrictThenLenient(bytes);
  } catch (err) {
    if (err instanceof PdfError) throw err;
    if (hasEncryptInTrailer(buf)) throw pdfEncrypted();
    throw pdfMalformed('sa structure ne peut pas être analysée', err);
  }
  if (context.trailerInfo.Encrypt !== undefined) throw pdfEncrypted();
  if (!(context.lookup(context.trailerInfo.Root) instanceof PDFDict))
    throw pdfMalformed('le catalogue du document est introuvable');
  return context;
}

/**
 * A strict parse first; a PDF with damaged objects is parsed again leniently
 * (damaged objects are then skipped), with pdf-lib's console warnings muted.
 */
async function parseStrictThenLenient(bytes: Uint8Array): Promise<PDFContext> {
  try {
    return await PDFParser.forBytesWithOptions(bytes, Infinity, true, true).parseDocument();
  } catch {
    const warn = console.warn;
    console.warn = () => {};
    try {
      return await PDFParser.forBytesWithOptions(bytes, Infinity, false, true).parseDocument();
    } finally {
      console.warn = warn;
    }
  }
}

/** A trailer or cross-reference stream dictionary with an /Encrypt entry. */
function hasEncryptInTrailer(buf: Buffer): boolean {
  let at = buf.indexOf(ENCRYPT);
  for (let n = 0; at >= 0 && n < 1000; n++) {
    const before = buf.toString('latin1', Math.max(0, at - 4096), at);
    if (/trailer|\/Type\s*\/XRef/.test(before)) return true;
    at = buf.indexOf(ENCRYPT, at + ENCRYPT.length);
  }
  return false;
}
