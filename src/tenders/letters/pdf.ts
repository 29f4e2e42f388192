// The tender room's PDFs (receipts, letters) with pdfkit, in the Paris time a French reader expects.
import PDFDocument from 'pdfkit';
import { parisDay } from '../../platform/calendar/index.ts';

/** « 15/06/2026 à 12:00:01 (heure de Paris) ». */
export function parisDateTime(at: Date): string {
  const { date, msSinceMidnight } = parisDay(at);
  const s = Math.floor(msSinceMidnight / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const ms = String(msSinceMidnight % 1000).padStart(3, '0');
  return `${date.split('-').reverse().join('/')} à ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)},${ms} (heure de Paris)`;
}

export function pdfDocument(title: string, at: Date): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    lang: 'fr-FR',
    info: { Title: title, CreationDate: at, ModDate: at },
  });
  const bytes = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(15).text(title);
  doc.moveDown(0.6).font('Helvetica').fontSize(10);
  return { doc, bytes };
}

export function line(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);
}
