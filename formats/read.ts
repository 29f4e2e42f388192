/**
 * Reading any supported invoice document: UBL 2.1 (Invoice, CreditNote), CII D16B, or a Factur-X / ZUGFeRD 2 PDF.
 */
import { readCii, isCiiRoot } from './cii/read.ts';
import { FormatError } from './errors.ts';
import { extractFacturX } from './facturx/extract.ts';
import type { Invoice } from './model/invoice.ts';
import type { Locations, SyntaxReadResult } from './model/locations.ts';
import { isUblRoot, readUbl } from './ubl/read.ts';
import { NS } from './xml/ns.ts';
import { parseXml } from './xml/parse.ts';
import type { XmlElement } from './xml/parse.ts';

export interface ReadOptions {
  /** Largest accepted XML document, in bytes. Default 64 MiB. */
  maxBytes?: number;
  /** Largest accepted number of invoice lines. Default 100,000. */
  maxLines?: number;
}

export interface ReadResult {
  /** The format of the deposited document. */
  syntax: 'UBL' | 'CII' | 'FACTURX';
  invoice: Invoice;
  /** Root element of the invoice XML (for a PDF: of the embedded XML). */
  root: XmlElement;
  /** Syntax of the invoice XML (a Factur-X PDF carries CII; some hybrid PDFs carry UBL). */
  xmlSyntax: 'UBL' | 'CII';
  /** Where each model value came from (see `Locations`). */
  locations: Locations;
  /** For a PDF: the embedded file name and the Factur-X conformance level declared in the XMP metadata. */
  pdf?: { filename: string; xmpConformance?: string };
}

export const DEFAULT_MAX_LINES = 100_000;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * True when a PDF header appears within the first 1024 bytes (as PDF readers tolerate), unless the input
 * starts like XML (optional BOM and whitespace, then '<'): an XML text mentioning "%PDF-" stays XML.
 */
export function looksLikePdf(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] === 0x3c /* < */) return false;
  const end = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < PDF_MAGIC.length; k++) if (bytes[i + k] !== PDF_MAGIC[k]) continue outer;
    return true;
  }
  return false;
}

function lineCount(root: XmlElement): number {
  let container: XmlElement | undefined = root;
  let ns: string = NS.CAC;
  let local = root.local === 'CreditNote' ? 'CreditNoteLine' : 'InvoiceLine';
  if (isCiiRoot(root)) {
    container = root.children.find((c) => c.ns === NS.RSM && c.local === 'SupplyChainTradeTransaction');
    ns = NS.RAM;
    local = 'IncludedSupplyChainTradeLineItem';
  }
  let n = 0;
  for (const c of container?.children ?? []) if (c.local === local && c.ns === ns) n++;
  return n;
}

/** Maps a parsed XML invoice to the model, dispatching on its root element. */
export function readXmlRoot(root: XmlElement, opts: ReadOptions = {}): SyntaxReadResult {
  if (root.local === 'CrossIndustryDocument') {
    throw new FormatError(
      'UNSUPPORTED_ZUGFERD1',
      'Les factures ZUGFeRD 1.0 (CrossIndustryDocument) ne sont pas prises en charge ; utiliser Factur-X / ZUGFeRD 2.',
    );
  }
  if (!isUblRoot(root) && !isCiiRoot(root)) {
    const name = root.ns ? `{${root.ns}}${root.local}` : root.local;
    throw new FormatError(
      'UNSUPPORTED_ROOT',
      `Type de document non pris en charge (élément racine ${name}) : attendu une facture UBL 2.1 (Invoice, CreditNote) ou CII D16B (CrossIndustryInvoice).`,
    );
  }
  const maxLines = opts.maxLines ?? DEFAULT_MAX_LINES;
  const lines = lineCount(root);
  if (lines > maxLines) {
    throw new FormatError(
      'TOO_MANY_LINES',
      `La facture contient ${lines} lignes ; le maximum accepté est ${maxLines}.`,
    );
  }
  return isUblRoot(root) ? readUbl(root) : readCii(root);
}

/** Reads an XML invoice (UBL or CII) from bytes or text. */
export function readInvoiceXml(input: Uint8Array | string, opts: ReadOptions = {}): SyntaxReadResult {
  const root = parseXml(input, opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes });
  return readXmlRoot(root, opts);
}

/**
 * Reads a deposited invoice document: detects a PDF (Factur-X / ZUGFeRD 2, embedded XML extracted),
 * otherwise parses the XML and dispatches on its root (UBL Invoice / CreditNote, CII CrossIndustryInvoice).
 * Throws a FormatError with a stable code and a French message on any unreadable input.
 */
export async function readInvoice(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw new FormatError('EMPTY_INPUT', 'Le document est vide.');
  if (looksLikePdf(bytes)) {
    const extracted = await extractFacturX(bytes, opts.maxBytes === undefined ? {} : { maxXmlBytes: opts.maxBytes });
    const r = readInvoiceXml(extracted.xml, opts);
    const pdf: NonNullable<ReadResult['pdf']> = { filename: extracted.filename };
    if (extracted.xmpConformance !== undefined) pdf.xmpConformance = extracted.xmpConformance;
    return { syntax: 'FACTURX', invoice: r.invoice, root: r.root, xmlSyntax: r.syntax, locations: r.locations, pdf };
  }
  const r = readInvoiceXml(bytes, opts);
  return { syntax: r.syntax, invoice: r.invoice, root: r.root, xmlSyntax: r.syntax, locations: r.locations };
}
