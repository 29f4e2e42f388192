// The tender room's pages in Chromium, under the pages' Content-Security-Policy: axe-core on every page state with
// zero violations, every field labelled, nothing scrolling sideways on a 360 px phone; a company's bid sent through
// the page with the progress script ends on its receipt.
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalRoutes } from '../../src/portal/routes.ts';
import { draftConsultation } from '../../src/tenders/consultations/draft-consultation.ts';
import { publishConsultation } from '../../src/tenders/consultations/publish-consultation.ts';
import { addDocument } from '../../src/tenders/documents/add-document.ts';
import { answerQuestion, askQuestion } from '../../src/tenders/questions/questions.ts';
import { personActing } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { axeViolations } from '../web/axe.ts';
import { logIn, unlabelledFields } from '../web/browser.ts';
import { sidewaysOverflow } from '../web/viewport.ts';
import { startTenderHarness, type TenderHarness } from './harness.ts';

const t = useTestDatabase();
let h: TenderHarness;
let server: ServerType;
let browser: Browser;
let baseUrl: string;
let id: string;

const PHONE = { width: 360, height: 740 };

beforeAll(async () => {
  h = await startTenderHarness(t.handle);
  h.app.route('/', portalRoutes);
  server = await new Promise((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const agent = personActing('agent', h.parties.rennes.id);
  ({ id } = await draftConsultation({
    ctx: { deps: h.deps, actor: agent },
    input: {
      reference: `B-${Date.now() % 1e9}`,
      title: 'Fournitures scolaires',
      object: 'Cahiers, stylos et petit matériel pour les écoles de la ville',
      procedure: 'Procédure adaptée',
      nature: 'supplies',
      cpv: '30192000',
      placeCode: '35238',
      lots: [
        {
          title: 'Cahiers',
          cpv: '30197600',
          estimatedAmount: '18000.00',
          deadline: new Date(Date.now() + 30 * 60_000).toISOString(),
        },
        {
          title: 'Stylos',
          cpv: '30192000',
          estimatedAmount: '6500.50',
          deadline: new Date(Date.now() + 40 * 60_000).toISOString(),
        },
      ],
      isTest: true,
      dayMs: 1_000,
    },
  }));
  await publishConsultation({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } });
  const file = await h.deps.files!.put(Readable.from([Buffer.from('Règlement de la consultation.')]), {
    kind: 'tender_document',
    mediaType: 'text/plain',
    fileName: 'rc.txt',
    owningStructureId: h.parties.rennes.id,
  });
  await addDocument({
    ctx: { deps: h.deps, actor: agent },
    input: { consultationId: id, fileId: file.id, name: 'Règlement de la consultation', significant: false },
  });
  const { questionId } = await askQuestion({
    ctx: { deps: h.deps, actor: personActing('supplier', h.parties.breizh.id) },
    input: { consultationId: id, question: 'Les cahiers sont-ils en papier recyclé ?' },
  });
  // A dayMs of 1 s makes six days 6 s: the answer comes well before that.
  await answerQuestion({
    ctx: { deps: h.deps, actor: agent },
    input: { consultationId: id, questionId, answer: 'Oui, papier recyclé exigé.' },
  });
  await askQuestion({
    ctx: { deps: h.deps, actor: personActing('supplier', h.parties.breizh.id) },
    input: { consultationId: id, question: 'Peut-on proposer une variante ?' },
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.stop();
});

async function checkPage(page: Page, state: string): Promise<void> {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
  expect({ state, unlabelled: await unlabelledFields(page) }).toEqual({ state, unlabelled: [] });
  expect({ state, overflow: await sidewaysOverflow(page) }).toEqual({ state, overflow: { px: 0, culprits: [] } });
}

async function session(email?: string, password?: string) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: PHONE });
  const page = await context.newPage();
  if (email && password) await logIn(page, baseUrl, email, password);
  return { context, page };
}

describe('tender room pages in the browser', () => {
  it('passes axe on the public search and consultation pages, without an account', async () => {
    const { context, page } = await session();
    await page.goto(`${baseUrl}/consultations`);
    await checkPage(page, 'search');
    await page.getByLabel('Mots de l’intitulé ou de l’objet').fill('scolaires');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: 'Fournitures scolaires' }).click();
    await page.waitForURL(`${baseUrl}/consultations/${id}`);
    expect(await page.textContent('main')).toContain('Oui, papier recyclé exigé.');
    expect(await page.textContent('main')).not.toContain('variante');
    await checkPage(page, 'consultation (anonymous)');
    await context.close();
  }, 120_000);

  it('lets a company deposit a bid with the progress script and see its receipt, axe-clean', async () => {
    const { context, page } = await session('fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    await page.goto(`${baseUrl}/consultations/${id}`);
    await checkPage(page, 'consultation (company)');
    await page.getByRole('link', { name: 'Déposer un pli (lot 2)' }).click();
    await checkPage(page, 'deposit form');
    await page.getByLabel(/^Candidature/).setInputFiles({
      name: 'dc1.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('DC1'),
    });
    await page.getByLabel(/^Offre/).setInputFiles({
      name: 'offre.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(2 * 1024 * 1024, 7),
    });
    await page.getByRole('button', { name: 'Déposer le pli' }).click();
    await page.waitForURL(/\/depots\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    expect(await page.textContent('main')).toContain('Pli reçu à temps');
    await checkPage(page, 'receipt');
    await context.close();
  }, 120_000);

  it('passes axe on the buyer’s and the operator’s pages, refusals included', async () => {
    const { context, page } = await session('agent.rennes@demo.hub.bzh', 'Demo-Agent-Rennes-2026');
    await page.goto(`${baseUrl}/acheteur/consultations`);
    await checkPage(page, 'buyer list');
    await page.goto(`${baseUrl}/acheteur/consultations/nouvelle`);
    await checkPage(page, 'draft form');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    expect(await page.textContent('main')).toContain('Brouillon non enregistré');
    await checkPage(page, 'draft form refused');
    await page.goto(`${baseUrl}/acheteur/consultations/${id}`);
    expect(await page.textContent('main')).toContain('Peut-on proposer une variante ?');
    await checkPage(page, 'follow-up');
    await page.getByRole('button', { name: 'Ouvrir les plis' }).click();
    expect(await page.textContent('main')).toContain('Les plis ne peuvent être ouverts qu’après la date limite');
    await checkPage(page, 'opening refused');
    await context.close();
    const operator = await session('operateur@demo.hub.bzh', 'Demo-Operateur-2026');
    await operator.page.goto(`${baseUrl}/operateur/consultations-a-ouvrir`);
    await checkPage(operator.page, 'operator list');
    await operator.context.close();
  }, 120_000);
});
