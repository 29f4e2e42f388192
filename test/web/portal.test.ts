// The portal in a real browser: a supplier deposits, the accountant of Rennes suspends, the supplier completes,
// the accountant certifies and mandates, the supplier follows every step; another supplier gets a 404.
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema/invoices.ts';
import { writeUbl } from '../../formats/index.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';
import { partyBySiren, testInvoice, uniqueInvoiceNumber, type TestParty } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { logIn, screenshot, startHub, unlabelledFields, type RunningHub } from './browser.ts';

const t = useTestDatabase();
let hub: RunningHub;
let armor: TestParty;
let rennes: TestParty;

const account = (email: string) => {
  const found = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!found) throw new Error(`demo account ${email} missing`);
  return found;
};
const SUPPLIER = account('fournisseur.armor@demo.hub.bzh');
const OTHER_SUPPLIER = account('fournisseur.breizh@demo.hub.bzh');
const ACCOUNTANT = account('comptable.rennes@demo.hub.bzh');

async function session(who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await hub.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, hub.baseUrl, who.email, who.password);
  return { context, page };
}

beforeAll(async () => {
  armor = await partyBySiren(t.handle.db, 'supplier', SUPPLIER.structure.siren);
  rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  hub = await startHub(t.handle);
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

const invoiceFile = (number: string, broken = false) => {
  const invoice = testInvoice({
    number,
    supplierSiret: armor.siret,
    supplierName: armor.name,
    buyerSiret: rennes.siret,
    buyerName: 'Ville de Rennes',
    serviceCode: 'FIN',
    lineAmounts: ['1200.00', '34.50'],
  });
  // A total with VAT that is not the sum of the total without VAT and the VAT (rule BR-CO-15, term BT-112).
  if (broken && invoice.totals) invoice.totals.taxInclusiveAmount = '9999.99';
  return { name: `${number}.xml`, mimeType: 'application/xml', buffer: Buffer.from(writeUbl(invoice)) };
};

describe('the portal, in Chromium', () => {
  it('takes an invoice from deposit to mandate, each side seeing every step', { timeout: 180_000 }, async () => {
    const supplier = await session(SUPPLIER);
    const sp = supplier.page;
    await expect(sp.title()).resolves.toMatch(/^Accueil – /);
    expect(await sp.locator('.who-name').textContent()).toBe(SUPPLIER.displayName);
    expect(await sp.getByRole('heading', { name: /Marchés publics/ }).textContent()).toContain('bientôt');
    await screenshot(sp, '01-accueil-fournisseur');

    // Valid deposit.
    const number = uniqueInvoiceNumber('WEB');
    await sp.getByRole('link', { name: 'Déposer une facture' }).first().click();
    expect(await unlabelledFields(sp)).toEqual([]);
    await sp.getByLabel(/Fichier de la facture/).setInputFiles(invoiceFile(number));
    await sp.getByRole('button', { name: 'Déposer la facture' }).click();
    await expect(sp.getByText('Facture déposée').isVisible()).resolves.toBe(true);
    const followLink = sp.getByRole('link', { name: `Suivre la facture ${number}` });
    const invoicePath = (await followLink.getAttribute('href'))!;
    expect(invoicePath).toMatch(/^\/factures\/[0-9a-f-]{36}$/);
    const invoiceId = invoicePath.split('/').pop()!;

    // Invalid deposit: the rule id and the business term in French.
    await sp.getByLabel(/Fichier de la facture/).setInputFiles(invoiceFile(uniqueInvoiceNumber('BAD'), true));
    await sp.getByRole('button', { name: 'Déposer la facture' }).click();
    await expect(sp.getByText('Facture refusée').isVisible()).resolves.toBe(true);
    const report = sp.locator('table.violations');
    const row = report.locator('tr', { hasText: 'BR-CO-15' });
    expect(await row.count()).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain('(BT-112)');
    expect(await sp.title()).toMatch(/^Erreur – Déposer une facture/);
    await screenshot(sp, '02-depot-rapport-de-validation');

    // Drag and drop fills the file field (progressive enhancement).
    const dropped = await sp.evaluate<{ name: string; shown: string }>(`(() => {
      const zone = document.querySelector('[data-dropzone]');
      const transfer = new DataTransfer();
      transfer.items.add(new File(['<Invoice/>'], 'glissee.xml', { type: 'application/xml' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      return { name: document.querySelector('#file').files[0].name, shown: zone.querySelector('[data-chosen]').textContent };
    })()`);
    expect(dropped).toEqual({ name: 'glissee.xml', shown: 'Fichier choisi : glissee.xml' });

    await waitForStatus(t.handle.db, invoiceId, 'MISE_A_DISPOSITION', 30_000);

    // The accountant of Rennes: inbox sorted by due date, with the due date and days left.
    const accountant = await session(ACCOUNTANT);
    const ap = accountant.page;
    await ap.getByRole('link', { name: 'Factures reçues' }).first().click();
    await expect(ap.title()).resolves.toMatch(/^Factures reçues/);
    const inboxRow = ap.locator('tbody tr', { has: ap.getByRole('link', { name: number }) });
    expect(await inboxRow.count()).toBe(1);
    const rowText = (await inboxRow.textContent()) ?? '';
    expect(rowText).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(rowText).toMatch(/échéance aujourd’hui|reste \d+ jour/);
    expect(rowText).toContain('1\u202f481,40\u00a0€');
    expect(await unlabelledFields(ap)).toEqual([]);
    await screenshot(ap, '03-comptable-factures-recues');

    // Suspend with a motive.
    await inboxRow.getByRole('link', { name: number }).click();
    await expect(ap.title()).resolves.toBe(`Facture ${number} – Hub e-administration Bretagne`);
    await screenshot(ap, '04-comptable-facture');
    // The usual next step comes first; problem cases are folded.
    expect(await ap.locator('.action-form').first().locator('h3').textContent()).toBe('Certifier le service fait');
    await ap.getByText('Un problème avec cette facture ?').click();
    const suspend = ap.locator('form', { has: ap.locator('input[name="kind"][value="SUSPENDUE"]') });
    await suspend.getByLabel(/Motif/).fill('Bon de livraison manquant');
    await suspend.getByRole('button').click();
    await expect(ap.getByText('Action enregistrée : suspendre (pièces manquantes).').isVisible()).resolves.toBe(true);
    expect(await ap.locator('h1 .badge').textContent()).toBe('Suspendue');

    // The supplier sees the motive and completes the invoice with a document.
    await sp.goto(`${hub.baseUrl}${invoicePath}`);
    expect(await sp.locator('.notice-warning').first().textContent()).toContain('Bon de livraison manquant');
    await sp.getByLabel(/Commentaire/).fill('Bon de livraison signé joint');
    await sp.getByLabel(/Pièces jointes/).setInputFiles({
      name: 'bon-livraison.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 bon de livraison'),
    });
    await sp.getByRole('button', { name: 'Envoyer les compléments' }).click();
    await expect(sp.getByText('Action enregistrée : compléter la facture.').isVisible()).resolves.toBe(true);
    expect(await sp.locator('h1 .badge').textContent()).toBe('Complétée');

    // The accountant certifies service done, then mandates.
    await ap.reload();
    await ap.getByRole('button', { name: 'Certifier le service fait' }).click();
    expect(await ap.locator('h1 .badge').textContent()).toBe('Service fait');
    await ap.getByLabel('Numéro de mandat').fill('M-2026-0042');
    await ap.getByRole('button', { name: 'Mandater' }).click();
    expect(await ap.locator('h1 .badge').textContent()).toBe('Mandatée');
    // No going back once mandated: suspension and rejection are no longer offered.
    expect(await ap.getByRole('button', { name: /Suspendre|Rejeter/ }).count()).toBe(0);

    // The supplier follows every step.
    await sp.goto(`${hub.baseUrl}/factures`);
    const listRow = sp.locator('tbody tr', { has: sp.getByRole('link', { name: number }) });
    expect(await listRow.locator('.badge').textContent()).toBe('Mandatée');
    await sp.goto(`${hub.baseUrl}${invoicePath}`);
    const steps = await sp.locator('.timeline .badge').allTextContents();
    expect(steps).toEqual([
      'Déposée',
      'En cours d’acheminement',
      'Mise à disposition',
      'Suspendue',
      'Complétée',
      'Service fait',
      'Mandatée',
    ]);
    const timeline = (await sp.locator('.timeline').textContent()) ?? '';
    expect(timeline).toContain('Bon de livraison manquant');
    expect(timeline).toContain('Bon de livraison signé joint');
    expect(timeline).toContain('Mandat n° M-2026-0042');
    await screenshot(sp, '05-fournisseur-facture-suivi');

    // Notifications: one per invoice with its latest news, already read since the supplier opened the invoice;
    // the export keeps each status change, the suspension with its motive among them.
    await sp.getByRole('link', { name: 'Notifications' }).click();
    const item = sp.locator('.notifications li', { hasText: number });
    expect(await item.count()).toBe(1);
    const notes = (await item.textContent()) ?? '';
    expect(notes).toContain(`Facture ${number} : Mandatée`);
    expect(notes).toMatch(/\d+ mises à jour de cette facture ; la dernière :/);
    expect(await item.locator('.badge').count()).toBe(0);
    expect(await sp.getByText('Aucune notification non lue.').count()).toBe(1);
    const csv = await sp.request.get(`${hub.baseUrl}/notifications/export.csv`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const csvText = (await csv.body()).toString('utf8');
    expect(csvText.startsWith('\ufeffDate;Structure;Titre;Message;Facture;Lue\r\n')).toBe(true);
    expect(csvText).toContain(`Facture ${number} : Suspendue`);
    expect(csvText).toContain('Motif : Bon de livraison manquant');
    await screenshot(sp, '06-fournisseur-notifications');

    // Documents: the PDF rendering and the original as deposited.
    const pdf = await sp.request.get(`${hub.baseUrl}${invoicePath}/pdf`);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const original = await sp.request.get(`${hub.baseUrl}${invoicePath}/original`);
    expect(original.status()).toBe(200);
    expect(await original.text()).toContain(number);

    // Another supplier changing the id in the address gets the 404 page, and no document.
    const other = await session(OTHER_SUPPLIER);
    const response = await other.page.goto(`${hub.baseUrl}${invoicePath}`);
    expect(response?.status()).toBe(404);
    expect(await other.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable');
    expect(await other.page.content()).not.toContain(number);
    expect((await other.page.request.get(`${hub.baseUrl}${invoicePath}/pdf`)).status()).toBe(404);
    expect((await other.page.request.get(`${hub.baseUrl}${invoicePath}/original`)).status()).toBe(404);
    await screenshot(other.page, '07-autre-fournisseur-404');

    await Promise.all([supplier.context.close(), accountant.context.close(), other.context.close()]);
  });

  it('certifies several invoices at once from the inbox (select all, one action)', { timeout: 120_000 }, async () => {
    const supplier = await session(SUPPLIER);
    const numbers = [uniqueInvoiceNumber('LOT'), uniqueInvoiceNumber('LOT')];
    const ids: string[] = [];
    for (const n of numbers) {
      await supplier.page.goto(`${hub.baseUrl}/factures/deposer`);
      await supplier.page.getByLabel(/Fichier de la facture/).setInputFiles(invoiceFile(n));
      await supplier.page.getByRole('button', { name: 'Déposer la facture' }).click();
      ids.push(
        (await supplier.page.getByRole('link', { name: `Suivre la facture ${n}` }).getAttribute('href'))!
          .split('/')
          .pop()!,
      );
    }
    for (const id of ids) await waitForStatus(t.handle.db, id, 'MISE_A_DISPOSITION', 30_000);

    const { context, page } = await session(ACCOUNTANT);
    // Only these two invoices: search on their common prefix.
    await page.goto(`${hub.baseUrl}/a-traiter?q=LOT`);
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.getByLabel('Tout sélectionner').check();
    const boxes = page.locator('tbody input[name="ids"]');
    expect(await boxes.evaluateAll((els) => els.every((e) => (e as unknown as { checked: boolean }).checked))).toBe(
      true,
    );
    await page.getByLabel('Action').selectOption('SERVICE_FAIT');
    await page.getByRole('button', { name: 'Appliquer aux factures cochées' }).click();
    const notice = (await page.locator('.notice').first().textContent()) ?? '';
    for (const n of numbers) expect(notice).toContain(n);
    for (const id of ids) await waitForStatus(t.handle.db, id, 'SERVICE_FAIT', 10_000);

    // The inbox exports what it shows: French headers, semicolons, a BOM for Excel, decimal commas.
    const csv = await page.request.get(`${hub.baseUrl}/a-traiter/export.csv?statut=SERVICE_FAIT&q=LOT`);
    const text = (await csv.body()).toString('utf8');
    expect(text.startsWith('\ufeffNuméro;Fournisseur;Destinataire;SIRET destinataire;')).toBe(true);
    for (const n of numbers) expect(text).toMatch(new RegExp(`${n};[^\\r]*;1481,40;EUR;Service fait;`));
    await Promise.all([context.close(), supplier.context.close()]);
  });

  it(
    'sends a misaddressed invoice back, and the supplier re-routes it to the right collectivity',
    { timeout: 120_000 },
    async () => {
      const lorient = await partyBySiren(t.handle.db, 'commune', '215601212');
      const supplier = await session(SUPPLIER);
      const number = uniqueInvoiceNumber('RRT');
      await supplier.page.goto(`${hub.baseUrl}/factures/deposer`);
      await supplier.page.getByLabel(/Fichier de la facture/).setInputFiles(invoiceFile(number));
      await supplier.page.getByRole('button', { name: 'Déposer la facture' }).click();
      const path = (await supplier.page
        .getByRole('link', { name: `Suivre la facture ${number}` })
        .getAttribute('href'))!;
      await waitForStatus(t.handle.db, path.split('/').pop()!, 'MISE_A_DISPOSITION', 30_000);

      const accountant = await session(ACCOUNTANT);
      await accountant.page.goto(`${hub.baseUrl}${path}`);
      await accountant.page.getByText('Un problème avec cette facture ?').click();
      const recycle = accountant.page.locator('form', {
        has: accountant.page.locator('input[name="kind"][value="A_RECYCLER"]'),
      });
      // The browser refuses an empty motive before anything is sent.
      await recycle.getByRole('button').click();
      expect(
        await recycle
          .getByLabel(/Motif/)
          .evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
      ).toBe(true);
      await recycle.getByLabel(/Motif/).fill('Commande passée par la ville de Lorient');
      await recycle.getByRole('button').click();
      expect(await accountant.page.locator('h1 .badge').textContent()).toBe('À recycler');

      await supplier.page.goto(`${hub.baseUrl}${path}`);
      expect(await supplier.page.locator('.notice-warning').first().textContent()).toContain(
        'Commande passée par la ville de Lorient',
      );
      await supplier.page.getByLabel(/SIRET du destinataire/).fill(lorient.siret);
      await supplier.page.getByRole('button', { name: 'Renvoyer la facture' }).click();
      await expect(supplier.page.getByText('Action enregistrée : corriger le destinataire.').isVisible()).resolves.toBe(
        true,
      );
      const row = await waitForStatus(t.handle.db, path.split('/').pop()!, 'MISE_A_DISPOSITION', 30_000);
      expect(row.buyerId).toBe(lorient.id);
      await supplier.page.reload();
      expect(await supplier.page.locator('.facts').first().textContent()).toContain(lorient.name);

      // Rennes no longer sees it.
      expect((await accountant.page.goto(`${hub.baseUrl}${path}`))?.status()).toBe(404);
      await Promise.all([supplier.context.close(), accountant.context.close()]);
    },
  );

  it('lets the operator find a collectivity and see its services and Chorus rules', { timeout: 60_000 }, async () => {
    const { context, page } = await session(account('operateur@demo.hub.bzh'));
    await page.getByRole('link', { name: 'Annuaire' }).first().click();
    await page.getByLabel(/Nom, SIREN, SIRET ou code INSEE/).fill('213502388');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await screenshot(page, '09-operateur-annuaire');
    await page.getByRole('link', { name: 'Rennes', exact: true }).click();
    await expect(page.title()).resolves.toBe('Rennes – Annuaire – Hub e-administration Bretagne');
    // Shown first, edited on its own page.
    expect(await page.locator('main form').count()).toBe(0);
    await page.getByRole('link', { name: 'Modifier la structure' }).click();
    await expect(page.title()).resolves.toBe('Modifier – Rennes – Annuaire – Hub e-administration Bretagne');
    expect(await page.getByLabel(/Code service obligatoire/).isChecked()).toBe(true);
    expect(await page.getByLabel('Libellé du service FIN').inputValue()).toBe('Direction des finances');
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, '10-operateur-structure');
    await context.close();
  });

  it(
    'fits a 360 px wide screen without sideways scrolling, and shows where the keyboard focus is',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await session(ACCOUNTANT);
      await page.setViewportSize({ width: 360, height: 740 });
      const [received] = await t.handle.db
        .select({ id: invoices.id })
        .from(invoices)
        .where(eq(invoices.buyerId, rennes.id))
        .limit(1);
      for (const path of ['/', '/a-traiter', '/notifications', ...(received ? [`/factures/${received.id}`] : [])]) {
        await page.goto(`${hub.baseUrl}${path}`);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(360);
      }
      await screenshot(page, '11-comptable-360px');
      // The first Tab reaches the skip link, which becomes visible, with an outline.
      await page.goto(`${hub.baseUrl}/a-traiter`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<{ text: string; outline: string; left: number }>(`(() => {
      const el = document.activeElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, left: el.getBoundingClientRect().left };
    })()`);
      expect(focused).toEqual({ text: 'Aller au contenu', outline: 'solid', left: 0 });
      await context.close();
    },
  );
});
