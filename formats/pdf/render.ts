// Human-readable A4 rendering of an invoice, in French, as a PDF/A-3b document.
import type { Invoice } from '../model/index.ts';
import { createPdfA, finishPdf } from './document.ts';
import { documentTitle } from './french.ts';
import { drawFooters, shortened } from './layout.ts';
import {
  drawAllowancesCharges,
  drawLines,
  drawNotes,
  drawPayment,
  drawReferences,
  drawSupportingDocuments,
  drawTotals,
  drawVatBreakdown,
} from './render-body.ts';
import { drawHeader, drawParties } from './render-parties.ts';

/** Draws the whole invoice into `doc`, starting a first page, and numbers the pages. */
export function drawInvoice(doc: PDFKit.PDFDocument, invoice: Invoice): void {
  doc.addPage();
  drawHeader(doc, invoice);
  drawParties(doc, invoice);
  drawReferences(doc, invoice);
  drawLines(doc, invoice);
  drawAllowancesCharges(doc, invoice);
  drawVatBreakdown(doc, invoice);
  drawTotals(doc, invoice);
  drawPayment(doc, invoice);
  drawNotes(doc, invoice);
  drawSupportingDocuments(doc, invoice);
  drawFooters(doc, footerText(invoice));
}

/**
 * Version of the rendering: part of the key under which rendered PDFs are cached. Change it whenever the
 * output of `renderInvoicePdf` changes for the same invoice (layout, labels, fonts, pdfkit upgrade).
 */
export const RENDERING_VERSION = '1';

/** Longest name or number put in the title, the metadata and the footer of every page. */
const MAX_TITLE_PART = 120;

/** Title of the PDF document, e.g. "Facture F2024-001 – Commune de Lyon"; names and number shortened. */
export function invoiceTitle(invoice: Invoice): string {
  const parts = [`${documentTitle(invoice.typeCode)} ${shortened(invoice.number ?? '', MAX_TITLE_PART)}`.trim()];
  if (invoice.seller.name) parts.push(shortened(invoice.seller.name, MAX_TITLE_PART));
  return parts.join(' – ');
}

function footerText(invoice: Invoice): string {
  return [invoiceTitle(invoice), invoice.buyer.name && `pour ${shortened(invoice.buyer.name, MAX_TITLE_PART)}`]
    .filter(Boolean)
    .join(' ');
}

/** The metadata values of a rendered invoice: shortened names (they are repeated in the Info and XMP). */
export function invoiceMetadata(invoice: Invoice): { title: string; author?: string; subject?: string } {
  const meta: { title: string; author?: string; subject?: string } = { title: invoiceTitle(invoice) };
  if (invoice.seller.name) meta.author = shortened(invoice.seller.name, MAX_TITLE_PART);
  if (invoice.buyer.name)
    meta.subject = `${documentTitle(invoice.typeCode)} pour ${shortened(invoice.buyer.name, MAX_TITLE_PART)}`;
  return meta;
}

/**
 * The date written in the PDF metadata: the invoice issue date at 00:00 UTC, so that the
 * same invoice always gives the same bytes. A missing or invalid date gives 2000-01-01.
 */
export function documentDate(invoice: Invoice): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(invoice.issueDate ?? '');
  if (match) {
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    if (!Number.isNaN(date.getTime()) && date.getUTCDate() === Number(match[3])) return date;
  }
  return new Date(Date.UTC(2000, 0, 1));
}

/** The rendering alone, as a PDF/A-3b file without any attachment. */
export async function renderInvoicePdf(invoice: Invoice): Promise<Uint8Array> {
  const doc = createPdfA({ ...invoiceMetadata(invoice), date: documentDate(invoice) });
  drawInvoice(doc, invoice);
  return finishPdf(doc);
}
