// In Chromium: every main page on a 360 px phone with the cells that matter in view and nothing scrolling
// sideways; keyboard-only runs of a deposit and of decisions with the focus checked after each step; rejections
// confirmed, one by one and in a batch; axe-core on every page state, with zero violations.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeUbl } from '../../formats/index.ts';
import { decideInvoice, depositInvoice } from '../../src/invoices/index.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';
import { partyBySiren, personActing, testInvoice, uniqueInvoiceNumber, type TestParty } from '../helpers/invoices.ts';
import { waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { axeViolations } from './axe.ts';
import { logIn, screenshot, startHub, unlabelledFields, type RunningHub } from './browser.ts';
import { cellsOutOfView, focused, sidewaysOverflow } from './viewport.ts';

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
const ACCOUNTANT = account('comptable.rennes@demo.hub.bzh');
const AGENT = account('agent.rennes@demo.hub.bzh');
const OPERATOR = account('operateur@demo.hub.bzh');

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 900 };

async function session(who: { email: string; password: string }, viewport = DESKTOP) {
  const context: BrowserContext = await hub.browser.newContext({ locale: 'fr-FR', viewport });
  const page = await context.newPage();
  await logIn(page, hub.baseUrl, who.email, who.password);
  return { context, page };
}

const ublFile = (number: string, broken = false) => {
  const invoice = testInvoice({
    number,
    supplierSiret: armor.siret,
    supplierName: armor.name,
    buyerSiret: rennes.siret,
    serviceCode: 'FIN',
    lineAmounts: ['1200.00', '34.50'],
  });
  if (broken && invoice.totals) invoice.totals.taxInclusiveAmount = '9999.99';
  return { name: `${number}.xml`, mimeType: 'application/xml', buffer: Buffer.from(writeUbl(invoice)) };
};

/** An invoice deposited for Armor to Rennes, waiting for the accountant. */
async function availableInvoice(prefix: string): Promise<{ id: string; number: string }> {
  const number = uniqueInvoiceNumber(prefix);
  const result = await depositInvoice({
    ctx: { deps: hub.deps, actor: personActing('supplier', armor.id) },
    input: { supplierId: armor.id, bytes: new Uint8Array(ublFile(number).buffer), channel: 'web' },
  });
  if (result.outcome !== 'accepted') throw new Error(`deposit refused: ${result.message}`);
  await waitForStatus(t.handle.db, result.invoiceId, 'MISE_A_DISPOSITION', 30_000);
  return { id: result.invoiceId, number };
}

/** The checks every page state passes: axe-core finds nothing, nothing scrolls sideways, every field is labelled. */
async function checkPage(page: Page, state: string): Promise<void> {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
  expect({ state, overflow: await sidewaysOverflow(page) }).toEqual({ state, overflow: { px: 0, culprits: [] } });
  expect({ state, unlabelled: await unlabelledFields(page) }).toEqual({ state, unlabelled: [] });
  // One kind of apostrophe in the text a person reads: the typographic one.
  const straight = await page.evaluate<string[]>(
    `(document.body.innerText.match(/\\S*\\p{L}'\\p{L}\\S*/gu) || []).slice(0, 5)`,
  );
  expect({ state, straight }).toEqual({ state, straight: [] });
}

/** The key cells of the list's first rows are within the phone's width. */
async function expectCardsInView(page: Page, row: string, cells: readonly string[]): Promise<void> {
  const rows = page.locator(row);
  expect(await rows.count()).toBeGreaterThan(0);
  for (const name of cells) {
    const found = rows.first().locator(`[data-cell="${name}"]`);
    expect({ name, count: await found.count() }).toEqual({ name, count: 1 });
    expect({ name, out: await cellsOutOfView(page, found) }).toEqual({ name, out: [] });
  }
}

async function tabUntil(page: Page, matches: (f: { tag: string; id: string; text: string }) => boolean, max = 30) {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return presses;
  }
  throw new Error(`not reached in ${max} Tab presses; focus on ${JSON.stringify(await focused(page))}`);
}

async function afterLoad(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  // hub.js moves the focus on DOMContentLoaded; give it a turn.
  // Polled through a function the driver calls: a polled string predicate needs eval, which the CSP forbids.
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as { document: { readyState: string } }).document.readyState),
    )
    .toBe('complete');
}

/** Presses a key that submits a form or follows a link, and waits for the next document (not the current one). */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
  await afterLoad(page);
}

let certify: { id: string; number: string };
let suspend: { id: string; number: string };
let reject: { id: string; number: string };
let batch: { id: string; number: string }[];
let toComplete: { id: string; number: string };

beforeAll(async () => {
  armor = await partyBySiren(t.handle.db, 'supplier', SUPPLIER.structure.siren);
  rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  hub = await startHub(t.handle);
  [certify, suspend, reject, toComplete] = await Promise.all([
    availableInvoice('KBD-A'),
    availableInvoice('KBD-S'),
    availableInvoice('KBD-R'),
    availableInvoice('SUSP'),
  ]);
  batch = await Promise.all([availableInvoice('LOT-1'), availableInvoice('LOT-2')]);
  await decideInvoice({
    ctx: { deps: hub.deps, actor: personActing('accountant', rennes.id) },
    input: { invoiceId: toComplete.id, action: { kind: 'SUSPENDUE', motive: 'Bon de commande à joindre' } },
  });
  await waitForStatus(t.handle.db, toComplete.id, 'SUSPENDUE', 30_000);
}, 180_000);
afterAll(async () => {
  await hub?.stop();
});

describe('the portal on a phone, in Chromium', () => {
  it(
    'shows the supplier the key columns as cards, what needs his action, and actions before the PDF',
    { timeout: 180_000 },
    async () => {
      const { context, page } = await session(SUPPLIER, PHONE);
      await checkPage(page, 'accueil fournisseur');
      expect(await page.locator('main').textContent()).toContain('1 facture à compléter');
      await screenshot(page, 'phone-01-accueil-fournisseur');

      await page.goto(`${hub.baseUrl}/factures`);
      await checkPage(page, 'mes factures');
      expect(await page.locator('details.filters-fold').getAttribute('open')).toBeNull();
      await expectCardsInView(page, 'tbody tr', ['number', 'party', 'amount', 'due', 'status']);
      await screenshot(page, 'phone-02-mes-factures');

      // The suspended invoice: its status explained, the completion form before the PDF frame.
      await page.goto(`${hub.baseUrl}/factures/${toComplete.id}`);
      await checkPage(page, 'facture suspendue, fournisseur');
      expect(await page.locator('.status-explained').textContent()).toContain('attend un complément du fournisseur');
      const actionsTop = (await page.locator('#actions').boundingBox())!.y;
      const frameTop = (await page.locator('.pdf-frame').boundingBox())!.y;
      expect(actionsTop).toBeLessThan(frameTop);
      expect(actionsTop).toBeLessThan(2 * PHONE.height);
      expect(await page.locator('.invoice-lines tbody tr').count()).toBe(2);
      await screenshot(page, 'phone-03-facture-fournisseur');

      // A refused deposit: the report's explanation wraps within the screen.
      await page.goto(`${hub.baseUrl}/factures/deposer`);
      await checkPage(page, 'dépôt');
      await page.getByLabel(/Fichier de la facture/).setInputFiles(ublFile(uniqueInvoiceNumber('BAD'), true));
      await page.getByRole('button', { name: 'Déposer la facture' }).click();
      await page.getByText('Facture refusée').waitFor();
      await checkPage(page, 'dépôt refusé');
      const explanation = page.locator('table.violations tbody tr').first().locator('[data-cell="explanation"]');
      expect(await cellsOutOfView(page, explanation)).toEqual([]);
      await screenshot(page, 'phone-04-depot-refuse');

      // The refusal in the deposit history: a card with its date, result and reason; its report in full.
      await page.getByRole('link', { name: 'Ce refus dans l’historique de vos dépôts' }).click();
      await page.getByRole('heading', { level: 1, name: /^Dépôt du / }).waitFor();
      await checkPage(page, 'rapport de dépôt');
      expect(await page.locator('table.violations [data-amounts]').count()).toBeGreaterThan(0);
      await page.goto(`${hub.baseUrl}/factures/depots`);
      await checkPage(page, 'mes dépôts');
      await expectCardsInView(page, 'tbody tr', ['date', 'status', 'result']);
      await screenshot(page, 'phone-05-mes-depots');

      await page.goto(`${hub.baseUrl}/notifications`);
      await checkPage(page, 'notifications fournisseur');
      await context.close();
    },
  );

  it(
    'shows the accountant his inbox as cards, filters folded, the results on the first screen',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await session(ACCOUNTANT, PHONE);
      await checkPage(page, 'accueil comptable');
      await page.getByRole('link', { name: 'Factures reçues' }).first().click();
      await checkPage(page, 'factures reçues');
      const fold = page.locator('details.filters-fold');
      expect(await fold.getAttribute('open')).toBeNull();
      const firstCard = (await page.locator('tbody tr').first().boundingBox())!;
      expect(firstCard.y).toBeLessThan(PHONE.height);
      await expectCardsInView(page, 'tbody tr', ['number', 'party', 'amount', 'due', 'status']);
      await screenshot(page, 'phone-05-factures-recues');
      await page.locator('details.filters-fold > summary').click();
      await checkPage(page, 'factures reçues, filtres ouverts');
      await screenshot(page, 'phone-06-factures-recues-filtres');

      await page.goto(`${hub.baseUrl}/factures/${certify.id}`);
      await checkPage(page, 'facture comptable');
      const actionsTop = (await page.locator('#actions').boundingBox())!.y;
      expect(actionsTop).toBeLessThan((await page.locator('.pdf-frame').boundingBox())!.y);
      await screenshot(page, 'phone-07-facture-comptable');
      await context.close();
    },
  );

  it(
    'tells the agent his role is read-only, and lays the operator’s directory out as cards',
    { timeout: 120_000 },
    async () => {
      const agent = await session(AGENT, PHONE);
      await agent.page.goto(`${hub.baseUrl}/a-traiter`);
      await checkPage(agent.page, 'factures reçues, agent');
      expect(await agent.page.locator('.readonly-role').textContent()).toContain(
        'Votre rôle d’agent est en lecture seule',
      );
      expect(await agent.page.locator('input[name="ids"]').count()).toBe(0);
      await agent.page.goto(`${hub.baseUrl}/factures/${certify.id}`);
      await checkPage(agent.page, 'facture, agent');
      expect(await agent.page.locator('.readonly-role').count()).toBe(1);
      await agent.context.close();

      const operator = await session(OPERATOR, PHONE);
      await operator.page.goto(`${hub.baseUrl}/annuaire?q=Rennes`);
      await checkPage(operator.page, 'annuaire');
      await expectCardsInView(operator.page, 'tbody tr', ['name', 'kind', 'siren']);
      await screenshot(operator.page, 'phone-08-annuaire');
      await operator.page.locator('tbody tr').first().getByRole('link').click();
      await checkPage(operator.page, 'fiche structure');
      await operator.context.close();
    },
  );
});

describe('the portal with a keyboard only, in Chromium', () => {
  it('deposits an invoice: focus on the result after each submission', { timeout: 120_000 }, async () => {
    const { context, page } = await session(SUPPLIER);
    await page.goto(`${hub.baseUrl}/factures/deposer`);
    await afterLoad(page);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Aller au contenu' });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'contenu' });
    await tabUntil(page, (f) => f.id === 'file', 6);
    // The file dialog is the system's: the choice it would make is set on the focused field.
    await page.locator('#file').setInputFiles(ublFile(uniqueInvoiceNumber('BAD'), true));
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Déposer la facture' });
    await pressAndLoad(page, 'Enter');
    expect(await focused(page)).toMatchObject({ id: 'resultat' });
    expect((await focused(page)).text).toContain('Facture refusée');
    await checkPage(page, 'clavier : dépôt refusé');

    const number = uniqueInvoiceNumber('KBD-D');
    await tabUntil(page, (f) => f.id === 'file');
    await page.locator('#file').setInputFiles(ublFile(number));
    await page.keyboard.press('Tab');
    await pressAndLoad(page, 'Enter');
    const result = await focused(page);
    expect(result).toMatchObject({ id: 'resultat' });
    expect(result.text).toContain('Facture déposée');
    await checkPage(page, 'clavier : dépôt accepté');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: `Suivre la facture ${number}` });
    await pressAndLoad(page, 'Enter');
    expect(await page.title()).toMatch(new RegExp(`^Facture ${number}`));
    await context.close();
  });

  it('certifies in three Tabs, corrects a refused motive, and confirms a rejection', { timeout: 180_000 }, async () => {
    const { context, page } = await session(ACCOUNTANT);
    await page.goto(`${hub.baseUrl}/factures/${certify.id}`);
    await afterLoad(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Aller aux actions sur la facture' });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'actions' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Certifier le service fait' });
    await pressAndLoad(page, 'Enter');
    expect((await focused(page)).text).toContain('Action enregistrée : certifier le service fait.');
    expect(await page.locator('h1 .badge').textContent()).toBe('Service fait');
    await checkPage(page, 'clavier : service fait');

    // A motive of spaces passes the browser's check but not the hub's: the summary takes the focus and links to
    // the field, which is marked invalid and described by its message.
    await page.goto(`${hub.baseUrl}/factures/${suspend.id}`);
    await afterLoad(page);
    await tabUntil(page, (f) => f.text.startsWith('Un problème avec cette facture'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: 'suspendue-motif' });
    await page.keyboard.type('   ');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toMatch(/^Suspendre/);
    await pressAndLoad(page, 'Enter');
    const summary = await focused(page);
    expect(summary.text).toContain('Action refusée : 1 point à corriger');
    expect(summary.text).toContain('Le motif est obligatoire pour suspendre une facture.');
    const motive = page.locator('#suspendue-motif');
    expect(await motive.getAttribute('aria-invalid')).toBe('true');
    expect(await motive.getAttribute('aria-describedby')).toBe('suspendue-motif-erreur');
    expect(await page.locator('#suspendue-motif-erreur').textContent()).toContain('Le motif est obligatoire');
    await checkPage(page, 'clavier : motif refusé');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({
      tag: 'a',
      text: 'Le motif est obligatoire pour suspendre une facture.',
    });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'suspendue-motif' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Bon de livraison manquant');
    await page.keyboard.press('Tab');
    await pressAndLoad(page, 'Enter');
    expect((await focused(page)).text).toContain('Action enregistrée : suspendre');
    expect(await page.locator('h1 .badge').textContent()).toBe('Suspendue');

    // Rejection: typed, then confirmed on a box that takes the focus; nothing happens before.
    await page.goto(`${hub.baseUrl}/factures/${reject.id}`);
    await afterLoad(page);
    await tabUntil(page, (f) => f.text.startsWith('Un problème avec cette facture'));
    await page.keyboard.press('Enter');
    await tabUntil(page, (f) => f.id === 'rejetee-motif', 6);
    await page.keyboard.type('Facture en double');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Rejeter…');
    await pressAndLoad(page, 'Enter');
    const box = await focused(page);
    expect(box).toMatchObject({ id: 'confirmer' });
    expect(box.text).toContain(`Confirmer le rejet de la facture ${reject.number}`);
    expect(box.text).toContain('Facture en double');
    expect(await page.locator('h1 .badge').textContent()).toBe('Mise à disposition');
    await checkPage(page, 'clavier : rejet à confirmer');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Rejeter définitivement' });
    await pressAndLoad(page, 'Enter');
    expect((await focused(page)).text).toContain('Action enregistrée : rejeter');
    expect(await page.locator('h1 .badge').textContent()).toBe('Rejetée');
    await context.close();
  });

  it(
    'rejects a batch on a phone: only the motive asked, the selection kept on error, then confirmed',
    { timeout: 180_000 },
    async () => {
      const { context, page } = await session(ACCOUNTANT, PHONE);
      await page.goto(`${hub.baseUrl}/a-traiter`);
      await afterLoad(page);
      for (const b of batch) await page.getByLabel(`Sélectionner la facture ${b.number}`).check();
      await page.getByLabel('Action').selectOption('REJETEE');
      expect(await page.locator('#bulk-motive').isVisible()).toBe(true);
      expect(await page.locator('#bulk-date').isVisible()).toBe(false);
      await page.getByLabel('Action').selectOption('MISE_EN_PAIEMENT');
      expect(await page.locator('#bulk-motive').isVisible()).toBe(false);
      expect(await page.locator('#bulk-date').isVisible()).toBe(true);
      await page.getByLabel('Action').selectOption('SERVICE_FAIT');
      expect(await page.locator('#bulk-motive').isVisible()).toBe(false);
      expect(await page.locator('#bulk-date').isVisible()).toBe(false);
      await checkPage(page, 'lot : service fait choisi');

      await page.getByLabel('Action').selectOption('REJETEE');
      await page.getByRole('button', { name: 'Appliquer aux factures cochées' }).click();
      await afterLoad(page);
      expect((await focused(page)).text).toContain('Motif : obligatoire pour rejeter');
      for (const b of batch)
        expect(await page.getByLabel(`Sélectionner la facture ${b.number}`).isChecked()).toBe(true);
      expect(await page.locator('#bulk-motive').getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'lot : motif manquant');

      await page.locator('#bulk-motive').fill('Montants non conformes au marché');
      await page.getByRole('button', { name: 'Appliquer aux factures cochées' }).click();
      await afterLoad(page);
      const box = await focused(page);
      expect(box).toMatchObject({ id: 'confirmer' });
      expect(box.text).toContain('Confirmer le rejet de 2 factures');
      for (const b of batch) expect(box.text).toContain(b.number);
      await checkPage(page, 'lot : rejet à confirmer');
      await screenshot(page, 'phone-09-rejet-lot-a-confirmer');
      await page.getByRole('button', { name: 'Rejeter définitivement les 2 factures' }).click();
      await afterLoad(page);
      expect((await focused(page)).text).toContain('2 facture(s) traitée(s)');
      for (const b of batch) await waitForStatus(t.handle.db, b.id, 'REJETEE', 30_000);
      await context.close();
    },
  );
});
