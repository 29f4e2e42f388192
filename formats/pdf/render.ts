// Human-readable A4 rendering of an invoice, in French, as a PDF/A-3b document.
import type { Invoice } from '../model/index.ts';
import { createPdfA, finishPdf } from './document.ts';
import { documentTitle } from './french.ts';
import { drawFooters } from './layout.ts';
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

/** Title of the PDF document, e.g. "Facture F2024-001 – Commune de Lyon". */
export function invoiceTitle(invoice: Invoice): string {
  const parts = [`${documentTitle(invoice.typeCode)} ${invoice.number ?? ''}`.trim()];
  if (invoice.seller.name) parts.push(invoice.seller.name);
  return parts.join(' – ');
}

function footerText(invoice: Invoice): string {
  return [invoiceTitle(invoice), invoice.buyer.name && `pour ${invoice.buyer.name}`].filter(Boolean).join(' ');
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
  const doc = createPdfA({
    title: invoiceTitle(invoice),
    author: invoice.seller.name,
    subject: invoice.buyer.name ? `${documentTitle(invoice.typeCode)} pour ${invoice.buyer.name}` : undefined,
    date: documentDate(invoice),
  });
  drawInvoice(doc, invoice);
  return finishPdf(doc);
}
