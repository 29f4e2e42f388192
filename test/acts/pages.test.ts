// The agents' and operator's pages of the acts over the real chain (Postgres, Temporal worker, demo ministry over
// mutual TLS, dovecot): an act created through the page (streamed multipart), seen acknowledged and published, a
// refusal tied to its field with nothing kept, letters of the prefecture marked read and answered (2-2, and 3-4
// with its pieces), a late answer highlighted, tenancy, the operator's transmission health with a stuck archive
// and a mail kept aside, a cancellation from the page; axe-core on each page.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq, isNotNull } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actLetters, actPieces, acts } from '../../db/schema/acts.ts';
import { structures } from '../../db/schema/directory.ts';
import { deliverToMaildir } from '../../src/acts/index.ts';
import { createApp } from '../../src/app.ts';
import { findPersonByEmail, grantRole } from '../../src/platform/auth/index.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { axeViolations } from '../web/axe.ts';
import { logIn, unlabelledFields } from '../web/browser.ts';
import { PageClient } from '../web/page-client.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { samplePdf } from './harness.ts';

const t = useTestDatabase();
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let agent: PageClient;
let otherAgent: PageClient;
let accountant: PageClient;
let operator: PageClient;

const password = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.password;
const logInAs = (email: string) => PageClient.logIn(app, email, password(email));

beforeAll(async () => {
  chain = await startActsChain(t.handle, { windowMs: 3_600_000 });
  app = createApp(chain.deps);
  app.route('/', portalRoutes);
  // Langouët's accountant is also its agent here: an agent of another collectivity.
  const [langouet] = await t.handle.db.select().from(structures).where(eq(structures.siren, '213501463'));
  const person = await findPersonByEmail(chain.deps, 'comptable.langouet@demo.hub.bzh');
  await grantRole(chain.deps, person!.id, { role: 'agent', structureId: langouet!.id });
  agent = await logInAs('agent.rennes@demo.hub.bzh');
  otherAgent = await logInAs('comptable.langouet@demo.hub.bzh');
  accountant = await logInAs('comptable.rennes@demo.hub.bzh');
  operator = await logInAs('operateur@demo.hub.bzh');
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

interface ActFields {
  numero: string;
  objet?: string;
  document?: Uint8Array;
  annexes?: { bytes: Uint8Array; typology?: string }[];
}

async function createThroughPage(client: PageClient, fields: ActFields): Promise<Response> {
  await client.get('/actes/nouveau');
  const form = new FormData();
  form.append('_csrf', client.csrf);
  form.append('nature', '1');
  form.append('classification', '7.1');
  form.append('numero', fields.numero);
  form.append('date_decision', '2026-01-15');
  form.append('objet', fields.objet ?? 'Conseil municipal : vote des tarifs des équipements sportifs');
  form.append('typologie_document', '');
  form.append('document', new Blob([fields.document ?? samplePdf()], { type: 'application/pdf' }), 'acte.pdf');
  (fields.annexes ?? []).forEach((a, i) => {
    form.append(`annexe_${i + 1}`, new Blob([a.bytes], { type: 'application/pdf' }), `annexe-${i + 1}.pdf`);
    form.append(`typologie_annexe_${i + 1}`, a.typology ?? '');
  });
  return client.postMultipart('/actes/nouveau', form);
}

const idFrom = (res: Response): string =>
  /\/actes\/([0-9a-f-]{36})\?fait=cree$/.exec(res.headers.get('location')!)![1]!;

const actRow = async (id: string) => (await t.handle.db.select().from(acts).where(eq(acts.id, id)))[0]!;

async function acknowledged(id: string) {
  return chain.until('the acknowledgement', async () => {
    const row = await actRow(id);
    return row.status === 'ACQUITTE' ? row : undefined;
  });
}

describe('acts pages', () => {
  let actId: string;
  let idActe: string;

  it('creates an act through the page, streamed with an annex, and shows it acknowledged with its IDActe', async () => {
    const form = await agent.get('/actes/nouveau');
    expect(form.status).toBe(200);
    expect(form.html).toContain('Classification du 2026-01-05');
    expect(form.html).toContain('<option value="7.1"');
    const res = await createThroughPage(agent, {
      numero: 'PAGE2026_001',
      annexes: [{ bytes: samplePdf('Annexe'), typology: '70_DE' }],
    });
    expect(res.status).toBe(303);
    actId = idFrom(res);
    const created = await agent.get(`/actes/${actId}?fait=cree`);
    expect(created.html).toContain('sa transmission à la préfecture est lancée');
    expect(created.html).toContain('annexe-1.pdf (70_DE)');

    const row = await acknowledged(actId);
    idActe = row.idActe!;
    expect(idActe).toBe('035-213502388-20260115-PAGE2026_001-DE');
    expect(chain.ministry.received.filter((r) => r.acte).map((r) => r.archiveName)).toContain(row.archiveName);

    const page = await agent.get(`/actes/${actId}`);
    expect(page.html).toContain('Acquittement reçu');
    expect(page.html).toContain(idActe);
    expect(page.html).toMatch(/\d+ jours restants/);
    const archive = await agent.get(`/actes/${actId}/archive`);
    expect(archive.status).toBe(200);
    expect(archive.res.headers.get('content-disposition')).toContain(row.archiveName!);
    const stamped = await agent.get(`/actes/${actId}/tampon.pdf`);
    expect(stamped.status).toBe(200);
    expect(stamped.res.headers.get('content-type')).toBe('application/pdf');

    const published = await agent.post(`/actes/${actId}/publier`, {});
    expect(published.status).toBe(303);
    const after = await agent.get(`/actes/${actId}`);
    expect(after.html).not.toContain('Publier l’acte');
    expect(after.html).toMatch(/<dt>Publié le<\/dt><dd>\d{2}\/\d{2}\/\d{4}<\/dd>/);

    const list = await agent.get('/actes?recherche=PAGE2026_001');
    expect(list.html).toContain(`href="/actes/${actId}"`);
    expect(list.html).toContain(idActe);
    expect(list.html).toContain('Acquittement reçu');
    expect((await agent.get('/actes?etat=ERREUR')).html).not.toContain('PAGE2026_001');
  }, 120_000);

  it('refuses a wrong number and a document that is not a PDF on their fields, keeping nothing', async () => {
    const wrongNumber = await createThroughPage(agent, { numero: 'd-2026', objet: 'Objet conservé' });
    expect(wrongNumber.status).toBe(400);
    const html = await wrongNumber.text();
    expect(html).toContain('id="numero"');
    expect(html).toMatch(/<input id="numero" name="numero" value="d-2026"[^>]*aria-invalid="true"/);
    expect(html).toContain('<a href="#numero">numéro d');
    expect(html).toContain('Objet conservé');

    const notPdf = await createThroughPage(agent, {
      numero: 'PAGE2026_002',
      document: new TextEncoder().encode('pas un PDF'),
    });
    expect(notPdf.status).toBe(400);
    expect(await notPdf.text()).toContain('<a href="#document">le fichier « acte.pdf » n&#39;est pas un PDF</a>');
    const kept = await t.handle.db.select().from(acts).where(eq(acts.number, 'PAGE2026_002'));
    expect(kept).toHaveLength(0);
  }, 60_000);

  it('marks a letter of the prefecture read and answers it; the 2-2 goes to the ministry', async () => {
    await chain.ministry.sendLetter(idActe, '2-1', 'Merci de préciser le tarif réduit.');
    const letter = await chain.until('the 2-1 letter', async () => {
      const [row] = await t.handle.db.select().from(actLetters).where(eq(actLetters.actId, actId));
      return row;
    });
    const page = await agent.get(`/actes/${actId}`);
    expect(page.html).toContain('Courrier simple (2-1)');
    expect(page.html).toContain('En attente de votre réponse.');

    const read = await agent.post(`/actes/${actId}/courriers/${letter.id}/lu`, {});
    expect(read.status).toBe(303);
    expect((await actLetterOf(letter.id)).readAt).not.toBeNull();

    // Without the form's CSRF field nothing is done.
    const forged = await agent.post(`/actes/${actId}/courriers/${letter.id}/reponse`, { code: '2-2' }, { csrf: false });
    expect(forged.status).toBe(403);
    expect((await actLetterOf(letter.id)).replyCode).toBeNull();

    await agent.get(`/actes/${actId}`);
    const answered = await agent.post(`/actes/${actId}/courriers/${letter.id}/reponse`, { code: '2-2' });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`/actes/${actId}?fait=reponse`);
    const replied = await chain.until('the 2-2 sent', async () => {
      const [row] = await t.handle.db
        .select()
        .from(actLetters)
        .where(and(eq(actLetters.id, letter.id), isNotNull(actLetters.repliedAt)));
      return row;
    });
    expect(replied.replyCode).toBe('2-2');
    expect((await agent.get(`/actes/${actId}`)).html).toContain('Réponse au courrier simple (2-2) envoyée le');
  }, 120_000);

  it('answers a 3-1 with the pieces (3-4) through the page: streamed, sent, the window restarted', async () => {
    await chain.ministry.sendLetter(idActe, '3-1', 'Merci de transmettre le rapport de présentation.');
    const letter = await chain.until('the 3-1 letter', async () => {
      const [row] = await t.handle.db
        .select()
        .from(actLetters)
        .where(and(eq(actLetters.actId, actId), eq(actLetters.code, '3-1')));
      // The letter is kept when the mail is read; the workflow then suspends the window.
      return row && (await actRow(actId)).windowSuspended > 0 ? row : undefined;
    });
    const page = await agent.get(`/actes/${actId}`);
    expect(page.html).toContain(`action="/actes/${actId}/courriers/${letter.id}/pieces"`);
    expect(page.html).toContain('suspendu (pièces complémentaires demandées)');

    const piecesForm = (courrier: Uint8Array) => {
      const form = new FormData();
      form.append('_csrf', agent.csrf);
      form.append('courrier', new Blob([courrier], { type: 'application/pdf' }), 'reponse.pdf');
      form.append('typologie_courrier', '');
      form.append('piece_1', new Blob([samplePdf('Rapport')], { type: 'application/pdf' }), 'rapport.pdf');
      form.append('typologie_piece_1', '70_DE');
      return form;
    };
    const refused = await agent.postMultipart(
      `/actes/${actId}/courriers/${letter.id}/pieces`,
      piecesForm(new TextEncoder().encode('pas un PDF')),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('« reponse.pdf » n&#39;est ni un PDF');
    expect((await actLetterOf(letter.id)).replyCode).toBeNull();

    const sent = await agent.postMultipart(`/actes/${actId}/courriers/${letter.id}/pieces`, piecesForm(samplePdf()));
    expect(sent.status).toBe(303);
    const replied = await chain.until('the 3-4 sent', async () => {
      const row = await actLetterOf(letter.id);
      return row.repliedAt ? row : undefined;
    });
    expect(replied.replyCode).toBe('3-4');
    expect(chain.ministry.received.map((r) => r.archiveName)).toContain(replied.replyArchiveName);
    const pieces = await t.handle.db.select().from(actPieces).where(eq(actPieces.replyId, letter.id));
    expect(pieces.map((p) => [p.originalName, p.typology]).sort()).toEqual([
      ['rapport.pdf', '70_DE'],
      ['reponse.pdf', '99_DE'],
    ]);
    expect((await actRow(actId)).windowSuspended).toBe(0);
    expect((await agent.get(`/actes/${actId}`)).html).toContain(
      'Transmission des pièces complémentaires (3-4) envoyée le',
    );
  }, 120_000);

  it('highlights an answer to the prefecture that is late, and filters the acts that have one', async () => {
    // The state a 4-1 received 40 days ago leaves (applied by apply-message.ts in the full chain).
    await t.handle.db.insert(actLetters).values({
      actId,
      code: '4-1',
      letterDate: '2026-01-20',
      text: 'Observations sur la délibération.',
      receivedAt: new Date(Date.now() - 40 * 86_400_000),
      dedupeKey: `late-${actId}`,
    });
    const list = await agent.get('/actes?en_retard=1');
    expect(list.html).toContain(`href="/actes/${actId}"`);
    expect(list.html).toMatch(/<span class="late" data-late-answer[^>]*>1 réponse en retard<\/span>/);
    const page = await agent.get(`/actes/${actId}`);
    expect(page.html).toMatch(/class="late" data-late-answer="">Réponse en retard/);
    expect(page.html).toContain('4-4 – Lettre de justification');
  });

  it('shows an act only to its structure’s agents and the operators: others get the 404 page', async () => {
    const other = await otherAgent.get(`/actes/${actId}`);
    expect(other.status).toBe(404);
    expect(other.html).toContain('Page introuvable');
    expect((await otherAgent.get(`/actes/${actId}/archive`)).status).toBe(404);
    expect((await otherAgent.get('/actes')).html).not.toContain('PAGE2026_001');
    const letters = await t.handle.db.select().from(actLetters).where(eq(actLetters.actId, actId));
    const late = letters.find((l) => l.code === '4-1')!;
    expect((await otherAgent.post(`/actes/${actId}/courriers/${late.id}/reponse`, { code: '4-4' })).status).toBe(404);
    expect((await actLetterOf(late.id)).replyCode).toBeNull();
    expect((await accountant.get(`/actes/${actId}`)).status).toBe(404);
    expect((await accountant.get('/actes')).status).toBe(403);
    const seen = await operator.get(`/actes/${actId}`);
    expect(seen.status).toBe(200);
    expect(seen.html).not.toContain('Envoyer la réponse');
  });

  it('lists for the operator an archive without acknowledgement after 4 hours and a mail kept aside', async () => {
    const res = await createThroughPage(agent, { numero: 'PAGE2026_009' });
    const stuckId = idFrom(res);
    // Sent, and its acknowledgement left unread in the mailbox.
    for (let i = 0; i < 100 && (await actRow(stuckId)).status !== 'TRANSMIS'; i++)
      await new Promise((r) => setTimeout(r, 300));
    expect((await actRow(stuckId)).status).toBe('TRANSMIS');
    const raw = Buffer.from(
      'From: actes@ministere.demo.gouv.fr\r\nTo: actes@demo.hub.bzh\r\nSubject: reponse illisible\r\nMessage-ID: <illisible-pages@ministere.demo.gouv.fr>\r\n\r\nRien de lisible.\r\n',
    );
    // Five hours later, as the operator sees it (the same session: one database).
    const later = createApp({ ...chain.deps, clock: { now: () => new Date(Date.now() + 5 * 3600_000) } });
    later.route('/', portalRoutes);
    const health = await later.request('/operateur/actes', { headers: { cookie: operator.jar.header() } });
    const html = await health.text();
    expect(health.status).toBe(200);
    expect(html).toMatch(new RegExp(`<table id="sans-accuse">[\\s\\S]*href="/actes/${stuckId}">PAGE2026_009<`));
    expect((await operator.get('/operateur/actes')).html).not.toContain('PAGE2026_009');

    await deliverToMaildir(chain.maildir, raw, 'illisible.pages');
    await chain.readMailbox();
    const kept = await operator.get('/operateur/actes');
    expect(kept.html).toMatch(/<table id="courriels">[\s\S]*reponse illisible/);
    expect((await agent.get('/operateur/actes')).status).toBe(403);

    // Its acknowledgement read at last, the agent asks the cancellation (6-1) from the act's page.
    await acknowledged(stuckId);
    await agent.get(`/actes/${stuckId}`);
    const cancel = await agent.post(`/actes/${stuckId}/annulation`, {});
    expect(cancel.status).toBe(303);
    await chain.until('the 6-2', async () => ((await actRow(stuckId)).status === 'ANNULE' ? true : undefined));
    expect((await agent.get(`/actes/${stuckId}`)).html).toContain('Annulé');
  }, 120_000);

  it('passes axe-core on the list, the form and its refusal, the act with its answer forms, the operator page', async () => {
    // A 3-1 waiting on the act, so that its page shows the pieces form (the state apply-message.ts leaves).
    await t.handle.db.insert(actLetters).values({
      actId,
      code: '3-1',
      letterDate: '2026-02-02',
      text: 'Pièces demandées.',
      receivedAt: new Date(),
      dedupeKey: `axe-${actId}`,
    });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser: Browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const check = async (
        who: string,
        paths: string[],
        extra?: (page: import('playwright-core').Page) => Promise<void>,
      ) => {
        const context = await browser.newContext({ locale: 'fr-FR' });
        const page = await context.newPage();
        await logIn(page, base, who, password(who));
        for (const path of paths) {
          await page.goto(`${base}${path}`);
          expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
          expect({ path, unlabelled: await unlabelledFields(page) }).toEqual({ path, unlabelled: [] });
        }
        await extra?.(page);
        await context.close();
      };
      await check('agent.rennes@demo.hub.bzh', ['/actes', '/actes/nouveau', `/actes/${actId}`], async (page) => {
        await page.goto(`${base}/actes/${actId}`);
        expect(await page.getByRole('button', { name: 'Transmettre les pièces' }).count()).toBe(1);
        await page.goto(`${base}/actes/nouveau`);
        await page.getByLabel('Numéro interne').fill('mauvais');
        await page.getByLabel('Objet').fill('Objet');
        await page.getByLabel('Acte signé (PDF)').setInputFiles({
          name: 'acte.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(samplePdf()),
        });
        await page.getByRole('button', { name: 'Transmettre à la préfecture' }).click();
        await page.waitForSelector('.error-summary');
        expect(await page.locator('.error-summary').innerText()).toContain('numéro');
        expect(await page.locator('#numero').getAttribute('aria-invalid')).toBe('true');
        expect({ state: 'refusal', violations: await axeViolations(page) }).toEqual({
          state: 'refusal',
          violations: [],
        });
      });
      await check('operateur@demo.hub.bzh', ['/operateur/actes', `/actes/${actId}`]);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 120_000);
});

async function actLetterOf(id: string) {
  return (await t.handle.db.select().from(actLetters).where(eq(actLetters.id, id)))[0]!;
}
