// In Chromium: a craftsman without invoicing software types his invoice in the form (live totals), sends it, and it
// reaches the accountant's inbox valid; a PDF-with-data deposit; a supplier completes a suspended invoice with a PDF
// and the accountant opens it, previews it and downloads it.
import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';
import { partyBySiren, uniqueInvoiceNumber, type TestParty } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { logIn, screenshot, startHub, unlabelledFields, type RunningHub } from './browser.ts';

const t = useTestDatabase();
let hub: RunningHub;
let rennes: TestParty;

const account = (email: string) => {
  const found = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!found) throw new Error(`demo account ${email} missing`);
  return found;
};
const CRAFTSMAN = account('fournisseur.armor@demo.hub.bzh');
const ACCOUNTANT = account('comptable.rennes@demo.hub.bzh');

async function session(
  who: { email: string; password: string },
  viewport = { width: 1366, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await hub.browser.newContext({ locale: 'fr-FR', viewport, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, hub.baseUrl, who.email, who.password);
  return { context, page };
}

async function letterPdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  hub = await startHub(t.handle);
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

/** The craftsman fills and sends the form; returns the invoice's path. */
async function fillAndSend(sp: Page, number: string): Promise<string> {
  await sp.getByRole('link', { name: 'Saisir une facture' }).first().click();
  await expect(sp.title()).resolves.toMatch(/^Saisir une facture/);
  expect(await unlabelledFields(sp)).toEqual([]);
  await sp.getByLabel(/Numéro de facture/).fill(number);
  await sp.getByLabel('Adresse (obligatoire)', { exact: true }).fill('4 rue des Artisans');
  await sp.getByLabel(/Code postal/).fill('22000');
  await sp.getByLabel(/^Ville/).fill('Saint-Brieuc');
  // The buyer, from the directory.
  await sp.getByLabel(/Collectivité destinataire/).fill('Rennes');
  await sp.getByRole('button', { name: 'Rechercher dans l’annuaire' }).click();
  await sp.getByRole('button', { name: `Choisir ${rennes.name} (SIRET ${rennes.siret})` }).click();
  await sp.getByLabel(/Service destinataire/).selectOption('FIN');
  // Two lines; the totals follow as one types (the page's script), before any server round trip.
  await sp.getByLabel('Ligne 1 : désignation').fill('Réparation de la porte du gymnase');
  await sp.locator('#f-line0-quantity').fill('3');
  await sp.locator('#f-line0-unit').selectOption('HUR');
  await sp.locator('#f-line0-unitPrice').fill('45,50');
  expect(await sp.locator('[data-total="withVat"]').textContent()).toBe('163,80\u00a0€');
  await sp.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await sp.getByLabel('Ligne 2 : désignation').fill('Serrure 3 points');
  await sp.locator('#f-line1-unitPrice').fill('189,90');
  await sp.locator('#f-line1-vat').selectOption('S:10');
  expect(await sp.locator('[data-total="vatTotal"]').textContent()).toBe('46,29\u00a0€');
  expect(await sp.locator('[data-total="withVat"]').textContent()).toBe('372,69\u00a0€');
  expect(await sp.locator('[data-vat-rows] tr').allTextContents()).toEqual([
    'TVA 20 %136,50\u00a0€27,30\u00a0€',
    'TVA 10 %189,90\u00a0€18,99\u00a0€',
  ]);
  // The server computes the same figures.
  await sp.getByRole('button', { name: 'Recalculer' }).click();
  expect(await sp.locator('[data-total="withVat"]').textContent()).toBe('372,69\u00a0€');
  await sp.getByLabel(/IBAN du compte/).fill('FR76 3000 6000 0112 3456 7890 188');
  await sp.getByLabel('Joindre des documents').setInputFiles({
    name: 'photo-porte.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  });
  await screenshot(sp, 'form-01-saisie-bureau');
  // A wrong IBAN key: the error summary links to the field, focus lands on the summary.
  await sp.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
  const summary = sp.locator('.error-summary');
  await summary.waitFor();
  await expect(sp.title()).resolves.toMatch(/^Erreur – Saisir une facture/);
  expect(await summary.textContent()).toContain('IBAN : la clé de contrôle ne correspond pas');
  expect(await sp.evaluate<boolean>(`document.activeElement === document.querySelector('.error-summary')`)).toBe(true);
  expect(await sp.locator('#f-payment-iban').getAttribute('aria-invalid')).toBe('true');
  expect(await sp.getByText('photo-porte.png').count()).toBe(1); // the attachment is kept
  await screenshot(sp, 'form-02-erreur-iban');
  await summary.getByRole('link').click();
  expect(await sp.evaluate<string>('document.activeElement.id')).toBe('f-payment-iban');
  await sp.locator('#f-payment-iban').fill('FR76 3000 6000 0112 3456 7890 189');
  await sp.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
  await expect(sp.getByText('Facture déposée').isVisible()).resolves.toBe(true);
  await screenshot(sp, 'form-03-envoyee');
  return (await sp.getByRole('link', { name: `Suivre la facture ${number}` }).getAttribute('href'))!;
}

describe('the invoice form and documents, in Chromium', () => {
  it(
    'a craftsman types an invoice; it reaches the accountant valid, with its photo',
    { timeout: 180_000 },
    async () => {
      const craftsman = await session(CRAFTSMAN);
      const number = uniqueInvoiceNumber('ART');
      const invoicePath = await fillAndSend(craftsman.page, number);
      const invoiceId = invoicePath.split('/').pop()!;
      await waitForStatus(t.handle.db, invoiceId, 'MISE_A_DISPOSITION', 30_000);

      // On a phone, the form stays usable: no sideways scrolling.
      const phone = await session(CRAFTSMAN, { width: 360, height: 800 });
      await phone.page.goto(`${hub.baseUrl}/factures/saisir`);
      const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(phone.page, 'form-04-saisie-telephone');

      const accountant = await session(ACCOUNTANT);
      const ap = accountant.page;
      await ap.getByRole('link', { name: 'Factures reçues' }).first().click();
      const row = ap.locator('tbody tr', { has: ap.getByRole('link', { name: number }) });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain('372,69\u00a0€');
      await row.getByRole('link', { name: number }).click();
      // Valid: no blocking finding, routed to the service chosen, the photo on the deposit event.
      expect(await ap.getByText('FIN – Direction des finances').count()).toBe(1);
      const photo = ap.locator('.timeline .attachment', { hasText: 'photo-porte.png' });
      expect(await photo.textContent()).toMatch(/image PNG, \d+ octets/);
      await photo.getByText('Aperçu de photo-porte.png').click();
      // The image loads once its preview is open: a 1 × 1 pixel, as sent.
      // Polled through the element (a function called by the driver): a polled string predicate needs eval, which
      // the pages' Content-Security-Policy forbids, so it failed whenever the image was not loaded at first look.
      const preview = ap.locator('.timeline .attachment img');
      await expect
        .poll(
          () =>
            preview.evaluate((img) => {
              const image = img as unknown as { complete: boolean; naturalWidth: number };
              return image.complete ? image.naturalWidth : 0;
            }),
          { timeout: 10_000 },
        )
        .toBe(1);
      await screenshot(ap, 'form-05-comptable-facture-saisie');
      await Promise.all([craftsman.context.close(), phone.context.close(), accountant.context.close()]);
    },
  );

  it('deposits a PDF with its data', { timeout: 120_000 }, async () => {
    const supplier = await session(CRAFTSMAN);
    const sp = supplier.page;
    const number = uniqueInvoiceNumber('PDF');
    await sp.getByRole('link', { name: 'Déposer une facture' }).first().click();
    await sp.getByRole('link', { name: 'PDF et saisie des données' }).click();
    expect(await unlabelledFields(sp)).toEqual([]);
    await sp.getByLabel(/Facture en PDF/).setInputFiles({
      name: `${number}.pdf`,
      mimeType: 'application/pdf',
      buffer: await letterPdf(`Menuiserie - facture ${number}`),
    });
    await sp.getByLabel(/Numéro de facture/).fill(number);
    await sp.getByLabel(/Date de la facture/).fill('2026-04-07');
    await sp.getByLabel(/SIRET du destinataire/).fill(rennes.siret);
    await sp.getByLabel(/Code service/).fill('FIN');
    await sp.getByLabel(/Total HT/).fill('1000');
    await sp.getByLabel(/Total TVA/).fill('200');
    await sp.getByLabel(/Total TTC/).fill('1200');
    await screenshot(sp, 'form-06-pdf-et-donnees');
    await sp.getByRole('button', { name: 'Déposer le PDF et ses données' }).click();
    await expect(sp.getByText('Facture déposée').isVisible()).resolves.toBe(true);
    const path = (await sp.getByRole('link', { name: `Suivre la facture ${number}` }).getAttribute('href'))!;
    await waitForStatus(t.handle.db, path.split('/').pop()!, 'MISE_A_DISPOSITION', 30_000);
    await supplier.context.close();
  });

  it('a supplier completes a suspended invoice with a PDF; the accountant opens it', { timeout: 180_000 }, async () => {
    const supplier = await session(CRAFTSMAN);
    const sp = supplier.page;
    const number = uniqueInvoiceNumber('SUS');
    const invoicePath = await fillAndSend(sp, number);
    const invoiceId = invoicePath.split('/').pop()!;
    await waitForStatus(t.handle.db, invoiceId, 'MISE_A_DISPOSITION', 30_000);

    const accountant = await session(ACCOUNTANT);
    const ap = accountant.page;
    await ap.goto(`${hub.baseUrl}${invoicePath}`);
    await ap.getByText('Un problème avec cette facture ?').click();
    const suspend = ap.locator('form', { has: ap.locator('input[name="kind"][value="SUSPENDUE"]') });
    await suspend.getByLabel(/Motif/).fill('Bon de livraison signé manquant');
    await suspend.getByRole('button').click();
    expect(await ap.locator('h1 .badge').textContent()).toBe('Suspendue');

    const delivery = await letterPdf(`Bon de livraison signé – facture ${number}`);
    await sp.goto(`${hub.baseUrl}${invoicePath}`);
    await sp.getByLabel(/Commentaire/).fill('Voici le bon de livraison signé');
    await sp.getByLabel(/Pièces jointes/).setInputFiles({
      name: 'bon-de-livraison-signé.pdf',
      mimeType: 'application/pdf',
      buffer: delivery,
    });
    await sp.getByRole('button', { name: 'Envoyer les compléments' }).click();
    expect(await sp.locator('h1 .badge').textContent()).toBe('Complétée');

    await ap.reload();
    const item = ap.locator('.timeline .attachment', { hasText: 'bon-de-livraison-signé.pdf' });
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toMatch(/PDF, [\d,]+ (octets|Ko)/);
    await item.getByText('Aperçu de bon-de-livraison-signé.pdf').click();
    const frame = item.locator('iframe');
    const src = (await frame.getAttribute('src'))!;
    const preview = await ap.request.get(`${hub.baseUrl}${src}`);
    expect([preview.status(), preview.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(preview.headers()['content-disposition']).toMatch(/^inline/);
    await screenshot(ap, 'form-07-comptable-piece-jointe');
    const [download] = await Promise.all([
      ap.waitForEvent('download'),
      item.getByRole('link', { name: 'bon-de-livraison-signé.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bon-de-livraison-signé.pdf');
    const saved = await readFile((await download.path())!);
    expect(saved.equals(delivery)).toBe(true);
    await Promise.all([supplier.context.close(), accountant.context.close()]);
  });
});
