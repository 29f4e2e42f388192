// A pdfkit document set up for PDF/A-3b: PDF 1.7, A4, embedded fonts, XMP metadata
// consistent with the Info dictionary, and no clock (all dates come from the caller).
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR, fontBytes } from './fonts.ts';
import { escapeXml } from './xml-escape.ts';

export interface PdfAOptions {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** Creation and modification date of the document; fixed by the caller for reproducible output. */
  date: Date;
  /** Document language (BCP 47). */
  lang?: string;
  creator?: string;
}

export const PRODUCER = 'hub formats';

/**
 * A String whose XML serialisation is escaped. pdfkit writes Info entries with their raw value
 * (`valueOf`) into the Info dictionary, but interpolates the same values unescaped into the XMP
 * packet (`toString`): this keeps the Info dictionary exact and the XMP well-formed and equal in value.
 */
class XmpSafeString extends String {
  override toString(): string {
    return escapeXml(this.valueOf());
  }
}

/**
 * Longest Info / XMP value: pdfkit encodes these strings in time quadratic in their length (80,000 characters
 * took 22 s), and a title or an author needs no more.
 */
export const MAX_INFO_CHARS = 300;

function infoText(value: string): string {
  const flat = stripControls(value);
  const capped = flat.length > MAX_INFO_CHARS ? `${flat.slice(0, MAX_INFO_CHARS - 1)}…` : flat;
  return new XmpSafeString(capped) as unknown as string;
}

function stripControls(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export function createPdfA(options: PdfAOptions): PDFKit.PDFDocument {
  const info: PDFKit.DocumentInfo = {
    Title: infoText(options.title),
    Producer: infoText(PRODUCER),
    Creator: infoText(options.creator ?? PRODUCER),
    CreationDate: options.date,
    ModDate: options.date,
  };
  if (options.subject) info.Subject = infoText(options.subject);
  if (options.author) info.Author = infoText(options.author);
  if (options.keywords) info.Keywords = infoText(options.keywords);

  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    size: 'A4',
    margins: { top: 40, bottom: 48, left: 40, right: 40 },
    lang: options.lang ?? 'fr-FR',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: false,
    info,
    // pdfkit loads its initial font at construction: make it an embedded one.
    font: fontBytes(FONT_REGULAR) as unknown as string,
  });
  doc.registerFont(FONT_REGULAR, fontBytes(FONT_REGULAR));
  doc.registerFont(FONT_BOLD, fontBytes(FONT_BOLD));
  // pdfkit writes xmp:CreateDate but not xmp:ModifyDate; the Info dictionary has both dates.
  doc.appendXML(
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` +
      `<xmp:ModifyDate>${xmpDate(options.date)}</xmp:ModifyDate>` +
      `<xmp:MetadataDate>${xmpDate(options.date)}</xmp:MetadataDate>` +
      `</rdf:Description>`,
  );
  return doc;
}

/** The date format pdfkit uses for xmp:CreateDate (UTC, seconds, trailing Z). */
export function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0]}Z`;
}

/** Ends the document and collects its bytes. */
export function finishPdf(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      const all = Buffer.concat(chunks);
      resolve(new Uint8Array(all.buffer, all.byteOffset, all.length));
    });
    doc.on('error', reject);
    doc.end();
  });
}
