import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { writeCii } from '../cii/write.ts';
import { isFormatError } from '../errors.ts';
import { sampleInvoice } from '../pdf/testing/sample-invoice.ts';
import { requireTools, runOnPdf } from '../pdf/testing/tools.ts';
import { readInvoice } from '../read.ts';
import { embedFacturX } from './embed.ts';
import { extractFacturX } from './extract.ts';
import { writeFacturX } from './write.ts';

requireTools(['qpdf'], 'qpdf');

/** A PDF as a word processor makes it: two pages of text, nothing attached. */
async function ordinaryPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Facture F-2026-7 – Menuiserie Le Goff', 'Page 2 : conditions générales']) {
    doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  }
  return doc.save();
}

describe('embedFacturX', () => {
  it('attaches the CII to the supplier’s own PDF, which stays the readable document', async () => {
    const invoice = sampleInvoice();
    const xml = writeCii(invoice);
    const source = await ordinaryPdf();
    const pdf = await embedFacturX(source, Buffer.from(xml, 'utf8'));
    const extracted = await extractFacturX(pdf);
    expect(Buffer.from(extracted.xml).toString('utf8')).toBe(xml);
    expect(extracted.filename).toBe('factur-x.xml');
    expect(extracted.xmpConformance).toBe('EN 16931');
    const read = await readInvoice(pdf);
    expect(read.syntax).toBe('FACTURX');
    expect(read.invoice.number).toBe(invoice.number);
    const reopened = await PDFDocument.load(pdf);
    expect(reopened.getPageCount()).toBe(2);
    const check = runOnPdf('qpdf', ['--check'], pdf);
    expect(check.status).toBe(0);
  });

  it('refuses a PDF that is already a Factur-X, and bytes that are not a PDF', async () => {
    const facturx = await writeFacturX(sampleInvoice());
    const already = await embedFacturX(facturx, Buffer.from('<x/>')).catch((e: unknown) => e);
    expect(isFormatError(already, 'PDF_ALREADY_FACTURX')).toBe(true);
    const junk = await embedFacturX(Buffer.from('%PDF-1.4 pas un vrai PDF'), Buffer.from('<x/>')).catch(
      (e: unknown) => e,
    );
    expect(isFormatError(junk, 'PDF_MALFORMED')).toBe(true);
  });
});
