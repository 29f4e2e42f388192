import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { RENDERING_VERSION, renderInvoicePdf } from './render.ts';
import { sampleInvoice } from './testing/sample-invoice.ts';
import { requireTools, runOnPdf } from './testing/tools.ts';

requireTools(['pdfinfo', 'pdftotext', 'pdffonts'], 'poppler-utils');
requireTools(['qpdf'], 'qpdf');

describe('renderInvoicePdf', () => {
  it('is deterministic', async () => {
    const a = await renderInvoicePdf(sampleInvoice());
    const b = await renderInvoicePdf(sampleInvoice());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });

  it('changes its bytes only with a new RENDERING_VERSION, the cache key of rendered PDFs', async () => {
    // When the rendering changes on purpose: bump RENDERING_VERSION and record the new digest here.
    const sha256 = createHash('sha256')
      .update(await renderInvoicePdf(sampleInvoice()))
      .digest('hex');
    expect({ version: RENDERING_VERSION, sha256 }).toEqual({
      version: '1',
      sha256: 'edfb00b4f7b35b5838a3fdbc7d34bf45d77b2a305c9fb996690b0dcfef89485d',
    });
  });

  it('passes qpdf --check', async () => {
    const result = runOnPdf('qpdf', ['--check'], await renderInvoicePdf(sampleInvoice()));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No syntax or stream encoding errors');
  });

  it('is an A4 PDF 1.7 with embedded fonts and metadata', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice());
    const info = runOnPdf('pdfinfo', [], pdf).stdout;
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    expect(info).toMatch(/Title:\s+Facture F2026-00042 – Fournitures & Services du Rhône <SARL>/);
    expect(info).toMatch(/CreationDate:\s+Sun Mar 15 00:00:00 2026 UTC/);
    const fonts = runOnPdf('pdffonts', [], pdf)
      .stdout.split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/DejaVuSans.*\byes\s+yes\s+yes\b/);
  });

  it('shows parties, references, lines, VAT, totals and payment in French', async () => {
    const invoice = sampleInvoice();
    invoice.allowances.push({ amount: '10.00', reason: 'Remise fidélité', vatCategoryCode: 'S', vatRate: '20' });
    const text = runOnPdf('pdftotext', ['-layout', '-enc', 'UTF-8'], await renderInvoicePdf(invoice), ['-']).stdout;
    const squeezed = text.replace(/[\u00a0 ]+/g, ' ');
    for (const expected of [
      'FACTURE',
      'N° F2026-00042',
      "Date d'émission : 15/03/2026",
      'Vendeur',
      'Acheteur',
      '812345678 (SIREN)',
      '21690204500013 (SIRET)',
      'FR32812345678',
      'Code service',
      'SERV-ACHATS',
      'EJ2026-000871',
      'Ramette papier A4 80 g',
      'Remise fidélité',
      'Récapitulatif de la TVA',
      '5,5 %',
      'Net à payer',
      '1 883,25 €',
      'FR76 3000 6000 0112 3456 7890 189',
      'Virement (30)',
      'Indemnité forfaitaire',
      'Page 1 / ',
    ]) {
      expect(squeezed).toContain(expected);
    }
  });

  it('wraps thousands of lines over pages, repeating the table header', async () => {
    const invoice = sampleInvoice({ lines: 3000 });
    const pdf = await renderInvoicePdf(invoice);
    const pages = Number(/Pages:\s+(\d+)/.exec(runOnPdf('pdfinfo', [], pdf).stdout)?.[1]);
    expect(pages).toBeGreaterThan(60);
    const text = runOnPdf('pdftotext', ['-f', '30', '-l', '30', '-enc', 'UTF-8'], pdf, ['-']).stdout;
    expect(text).toContain('Désignation');
    expect(text).toContain(`Page 30 / ${pages}`);
    const last = runOnPdf('pdftotext', ['-f', String(pages), '-l', String(pages), '-enc', 'UTF-8'], pdf, ['-']).stdout;
    expect(last.length).toBeGreaterThan(0);
  });

  it('renders an almost empty invoice without failing', async () => {
    const { emptyInvoice } = await import('../model/index.ts');
    const pdf = await renderInvoicePdf(emptyInvoice());
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('survives hostile text (control characters, very long values, unusual scripts)', async () => {
    const invoice = sampleInvoice({ lines: 3 });
    invoice.lines[0]!.item.name = `Nom\u0000avec\u0007contrôle ${'très long '.repeat(2000)}`;
    invoice.lines[1]!.item.description = '中文 العربية ελληνικά 🧾';
    invoice.seller.name = 'A'.repeat(5000);
    invoice.seller.identifiers = Array.from({ length: 300 }, (_, i) => ({ value: `ID-${i}`, schemeId: '0088' }));
    const pdf = await renderInvoicePdf(invoice);
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('shortens the names it repeats in the metadata and on every page footer', async () => {
    const invoice = sampleInvoice({ lines: 120 });
    invoice.seller.name = `Vendeur ${'V'.repeat(300_000)}`;
    invoice.buyer.name = `Acheteur ${'B'.repeat(300_000)}`;
    const pdf = await renderInvoicePdf(invoice);
    const info = runOnPdf('pdfinfo', [], pdf).stdout;
    const title = /Title:\s+(.*)/.exec(info)?.[1] ?? '';
    const author = /Author:\s+(.*)/.exec(info)?.[1] ?? '';
    expect(title).toMatch(/^Facture F2026-00042 – Vendeur V+…$/);
    expect(title.length).toBeLessThanOrEqual(300);
    expect(author).toMatch(/^Vendeur V+…$/);
    expect(author.length).toBe(120);
    // The raw names are not in the file: only shortened copies are (the body's cells hold 1,200 characters).
    expect(pdf.length).toBeLessThan(300_000);
    const footer = runOnPdf('pdftotext', ['-f', '2', '-l', '2', '-enc', 'UTF-8'], pdf, ['-']).stdout;
    expect(footer).toMatch(/Page 2 \/ \d+/);
  });
});
