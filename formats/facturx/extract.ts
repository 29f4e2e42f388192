// Extraction of the invoice XML embedded in a Factur-X / ZUGFeRD 2 / XRechnung PDF.
import type { PDFContext } from 'pdf-lib';
import { FormatError } from '../errors.ts';
import { catalogOf, listEmbeddedFiles, type EmbeddedFile } from '../pdf/attachments.ts';
import { pdfMalformed, pdfTooLarge } from '../pdf/errors.ts';
import { StreamDecodeError } from '../pdf/filters.ts';
import { get, streamBytes, streamOf } from '../pdf/objects.ts';
import { DEFAULT_PDF_LIMITS, parsePdf, type PdfLimits } from '../pdf/parse.ts';
import { noInvoiceAttachment, unsupportedZugferd1 } from './errors.ts';
import { rootLocalName } from './sniff.ts';
import { readFacturXXmp } from './xmp-read.ts';

export interface FacturXExtraction {
  /** The embedded XML, byte for byte. */
  xml: Uint8Array;
  /** Name of the embedded file, as written in the PDF. */
  filename: string;
  /** fx:ConformanceLevel of the XMP metadata (e.g. "EN 16931", "BASIC WL"), when present. */
  xmpConformance?: string;
  /** fx:Version of the XMP metadata (e.g. "1.0"), when present. */
  xmpVersion?: string;
}

export interface ExtractOptions extends Partial<PdfLimits> {
  /** Largest accepted embedded XML, once decoded. */
  maxXmlBytes?: number;
}

export const DEFAULT_MAX_XML_BYTES = 32 * 1024 * 1024;
const MAX_XMP_BYTES = 4 * 1024 * 1024;

/** Embedded file names, in order of preference (compared without case). */
const INVOICE_FILENAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

/**
 * Finds and decodes the invoice XML of a hybrid PDF invoice.
 * Throws a FormatError (PDF_MALFORMED, PDF_ENCRYPTED, PDF_TOO_LARGE, PDF_NO_INVOICE,
 * UNSUPPORTED_ZUGFERD1) and nothing else.
 */
export async function extractFacturX(bytes: Uint8Array, options: ExtractOptions = {}): Promise<FacturXExtraction> {
  const limits: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...definedOnly(options) };
  const maxXmlBytes = options.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES;
  try {
    const context = await parsePdf(bytes, limits);
    const files = listEmbeddedFiles(context);
    const file = pickInvoiceFile(files);
    if (!file) throw noInvoiceAttachment(files.map((f) => f.filename));

    const xml = decodeAttachment(context, file, maxXmlBytes);
    if (rootLocalName(xml) === 'CrossIndustryDocument') throw unsupportedZugferd1();

    const result: FacturXExtraction = { xml, filename: file.filename };
    const xmp = readXmp(context);
    if (xmp) {
      const props = readFacturXXmp(xmp);
      if (props.conformanceLevel !== undefined) result.xmpConformance = props.conformanceLevel;
      if (props.version !== undefined) result.xmpVersion = props.version;
    }
    return result;
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw pdfMalformed('sa structure ne peut pas être analysée', err);
  }
}

function pickInvoiceFile(files: readonly EmbeddedFile[]): EmbeddedFile | undefined {
  for (const wanted of INVOICE_FILENAMES) {
    const file = files.find((f) => f.filename.toLowerCase() === wanted);
    if (file) return file;
  }
  return undefined;
}

function decodeAttachment(context: PDFContext, file: EmbeddedFile, maxBytes: number): Uint8Array {
  try {
    const data = streamBytes(context, file.stream, maxBytes);
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (err) {
    if (err instanceof StreamDecodeError && err.tooLarge)
      throw pdfTooLarge(`Le fichier joint ${file.filename}`, maxBytes);
    throw pdfMalformed(`le fichier joint ${file.filename} ne peut pas être décodé`, err);
  }
}

/** The catalog XMP packet as text; undefined when absent or unreadable (it is informative only). */
function readXmp(context: PDFContext): string | undefined {
  const catalog = catalogOf(context);
  const stream = catalog ? streamOf(context, get(context, catalog, 'Metadata')) : undefined;
  if (!stream) return undefined;
  try {
    return new TextDecoder('utf-8').decode(streamBytes(context, stream, MAX_XMP_BYTES));
  } catch {
    return undefined;
  }
}

function definedOnly(options: ExtractOptions): Partial<PdfLimits> {
  const out: Partial<PdfLimits> = {};
  if (options.maxPdfBytes !== undefined) out.maxPdfBytes = options.maxPdfBytes;
  if (options.maxStructureBytes !== undefined) out.maxStructureBytes = options.maxStructureBytes;
  return out;
}
