// "PDF with its data" on the deposit page: the supplier's own PDF and the figures Chorus Pro asks for; the hub
// checks that they add up, builds the Factur-X around the PDF and deposits it; the accountant reads the supplier's
// own pages.
import { eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { deposits, invoices } from '../../db/schema/invoices.ts';
import { readInvoice, validate } from '../../formats/index.ts';
import { requireTools, runOnPdf } from '../../formats/pdf/testing/tools.ts';
import { createApp } from '../../src/app.ts';
import { databaseBlobStore } from '../../src/platform/blob-store.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { partyBySiren, type TestParty } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from './page-client.ts';

requireTools(['pdftotext'], 'poppler-utils');

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let supplier: PageClient;
let rennes: TestParty;

async function wordProcessorPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return doc.save();
}

async function deposit(fields: Record<string, string>, file: File): Promise<{ status: number; html: string }> {
  await supplier.get('/factures/deposer?mode=pdf');
  const form = new FormData();
  form.append('mode', 'pdf');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file);
  const res = await supplier.postMultipart('/factures/deposer', form);
  return { status: res.status, html: await res.text() };
}

beforeAll(async () => {
  app = createApp(testDeps(t.handle));
  app.route('/', portalRoutes);
  rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
});

describe('a PDF with its data', () => {
  const number = `PDF-${Date.now().toString(36).toUpperCase()}`;
  const fields = () => ({
    number,
    issueDate: '2026-04-07',
    buyerSiret: rennes.siret,
    serviceCode: 'FIN',
    totalWithoutVat: '1 250,00',
    totalVat: '215,50',
    totalWithVat: '1 465,50',
    'vat0.rate': 'S:20',
    'vat0.base': '905',
    'vat1.rate': 'S:10',
    'vat1.base': '345',
  });

  it('is offered as a second mode of the deposit page', async () => {
    const { html } = await supplier.get('/factures/deposer?mode=pdf');
    expect(html).toContain('<a href="/factures/deposer?mode=pdf" aria-current="page">PDF et saisie des données</a>');
    expect(html).toContain('name="totalWithVat"');
  });

  it('refuses a file that is not a PDF and totals that do not add up, saying what was expected', async () => {
    const notPdf = await deposit(fields(), new File(['Bonjour'], 'facture.docx'));
    expect(notPdf.status).toBe(422);
    expect(notPdf.html).toContain('Fichier PDF : « facture.docx » n’est pas un fichier PDF.');
    const pdf = new File([await wordProcessorPdf('Facture')], 'facture.pdf', { type: 'application/pdf' });
    const wrong = await deposit({ ...fields(), totalVat: '250,00', totalWithVat: '1 500,00' }, pdf);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('Total TVA : 250,00 € saisi, 215,50 € attendu');
    expect(wrong.html).toMatch(/id="p-totalVat"[^>]*aria-invalid="true"/);
    expect(wrong.html).toContain(`value="${number}"`); // what was typed is kept
  });

  it('deposits a valid Factur-X whose readable pages are the supplier’s own PDF', async () => {
    const pdf = new File([await wordProcessorPdf(`Menuiserie Le Goff - facture ${number}`)], `${number}.pdf`, {
      type: 'application/pdf',
    });
    const done = await deposit(fields(), pdf);
    expect(done.status).toBe(201);
    expect(done.html).toContain(`La facture ${number} est enregistrée et transmise à`);
    const invoiceId = /href="\/factures\/([0-9a-f-]{36})"/.exec(done.html)![1]!;
    const [row] = await t.handle.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(row).toMatchObject({
      syntax: 'FACTURX',
      totalWithoutVat: '1250.00',
      totalVat: '215.50',
      serviceCode: 'FIN',
    });
    const [dep] = await t.handle.db.select().from(deposits).where(eq(deposits.invoiceId, invoiceId));
    expect(dep).toMatchObject({ channel: 'pdf_data', fileName: `${number}.pdf` });
    const original = await databaseBlobStore(t.handle.db).get(row!.originalSha256);
    expect(
      validate(await readInvoice(original!.bytes), { profile: 'fr' }).filter((v) => v.severity === 'fatal'),
    ).toEqual([]);
    const accountant = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    const shown = await app.request(`/factures/${invoiceId}/pdf`, { headers: { cookie: accountant.jar.header() } });
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    const text = runOnPdf('pdftotext', ['-layout'], new Uint8Array(await shown.arrayBuffer()), ['-']);
    expect(text.stdout).toContain(`Menuiserie Le Goff - facture ${number}`);
  });
});
