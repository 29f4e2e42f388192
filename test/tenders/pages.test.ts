// The tender room's pages over the real Postgres and Temporal: the public search and consultation page without an
// account, a document put online by the buyer's page and downloaded freely, a company's bid deposited through the
// page (streamed, CSRF read first) and its receipt, another company refused its receipt (404), the buyer refused
// the opening before the deadline with the French reason, the draft form's errors on their fields, and the
// operator's list of consultations whose deadline passed without opening.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenderDeposits } from '../../db/schema/tenders.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { draftConsultation } from '../../src/tenders/consultations/draft-consultation.ts';
import { publishConsultation } from '../../src/tenders/consultations/publish-consultation.ts';
import { personActing } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';
import { eventually, startTenderHarness, type TenderHarness } from './harness.ts';

const t = useTestDatabase();
let h: TenderHarness;
let agent: PageClient;
let armor: PageClient;
let breizh: PageClient;
let operator: PageClient;

beforeAll(async () => {
  h = await startTenderHarness(t.handle);
  h.app.route('/', portalRoutes);
  [agent, armor, breizh, operator] = await Promise.all([
    PageClient.logIn(h.app, 'agent.rennes@demo.hub.bzh', 'Demo-Agent-Rennes-2026'),
    PageClient.logIn(h.app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026'),
    PageClient.logIn(h.app, 'fournisseur.breizh@demo.hub.bzh', 'Demo-Breizh-2026'),
    PageClient.logIn(h.app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026'),
  ]);
}, 180_000);
afterAll(async () => {
  await h?.stop();
});

/** A published test consultation of Rennes whose single lot closes in `closesInMs`. */
async function publishedConsultation(title: string, closesInMs: number): Promise<string> {
  const actor = personActing('agent', h.parties.rennes.id);
  const { id } = await draftConsultation({
    ctx: { deps: h.deps, actor },
    input: {
      reference: `P-${Date.now() % 1e9}`,
      title,
      object: 'Papier, toner et petites fournitures pour les services municipaux',
      procedure: 'Procédure adaptée',
      nature: 'supplies',
      cpv: '30192000',
      placeCode: '35238',
      lots: [
        {
          title: 'Papier',
          cpv: '30197600',
          estimatedAmount: '45000.00',
          deadline: new Date(Date.now() + closesInMs).toISOString(),
        },
      ],
      isTest: true,
      dayMs: 1_000,
    },
  });
  await publishConsultation({ ctx: { deps: h.deps, actor }, input: { consultationId: id } });
  return id;
}

const anonymous = (path: string) => h.app.request(path);

describe('tender room pages', () => {
  let id: string;

  it('lets the buyer put a document online, and anyone find the consultation and download it', async () => {
    id = await publishedConsultation('Fournitures de bureau des écoles', 10 * 60_000);
    const follow = await agent.get(`/acheteur/consultations/${id}`);
    expect(follow.status).toBe(200);
    const form = new FormData();
    form.append('_csrf', agent.csrf);
    form.append('nom', 'Règlement de la consultation');
    form.append('fichier', new File(['Article 1 : objet.'], 'rc.txt', { type: 'text/plain' }));
    const added = await agent.postMultipart(`/acheteur/consultations/${id}/documents`, form);
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('Document en ligne (version 1)');

    const search = await anonymous('/consultations?q=bureau+des+%C3%A9coles&cpv=3019');
    const list = await search.text();
    expect(search.status).toBe(200);
    expect(list).toContain(`href="/consultations/${id}"`);
    const none = await (await anonymous('/consultations?q=bureau+des+%C3%A9coles&cpv=45')).text();
    expect(none).not.toContain(`href="/consultations/${id}"`);
    const bad = await anonymous('/consultations?cpv=3x');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Le code CPV se cherche par son début');

    const page = await anonymous(`/consultations/${id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Fournitures de bureau des écoles');
    expect(html).toContain('(heure de Paris)');
    expect(html).toMatch(/reste \d+ min/);
    const link = new RegExp(`href="(/consultations/${id}/documents/[0-9a-f-]{36})"`).exec(html)?.[1];
    expect(link).toBeDefined();
    const download = await anonymous(link!);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('Article 1 : objet.');
    expect((await agent.get(`/acheteur/consultations/${id}`)).html).toContain('1 téléchargement ;');
  }, 120_000);

  it('takes a company’s bid through the page and shows its receipt, to it and not to another company', async () => {
    await armor.get(`/consultations/${id}/lots/1/depot`);
    const form = new FormData();
    form.append('_csrf', armor.csrf);
    form.append('candidature', new File(['DC1 signé'], 'dc1.pdf', { type: 'application/pdf' }));
    form.append('offre', new File([Buffer.alloc(3 * 1024 * 1024, 7)], 'offre.pdf', { type: 'application/pdf' }));
    const res = await armor.postMultipart(`/consultations/${id}/lots/1/depot`, form);
    expect(res.status).toBe(303);
    const receiptPath = res.headers.get('location')!;
    expect(receiptPath).toMatch(/^\/depots\/[0-9a-f-]{36}$/);
    const receipt = await armor.get(receiptPath);
    expect(receipt.status).toBe(200);
    expect(receipt.html).toContain('Pli reçu à temps');
    expect(receipt.html).toContain('offre.pdf');
    const pdf = await armor.get(`${receiptPath}/accuse.pdf`);
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
    const token = await h.app.request(`${receiptPath}/jeton.tsr`, { headers: { cookie: armor.jar.header() } });
    expect(token.headers.get('content-type')).toBe('application/timestamp-reply');
    expect((await token.arrayBuffer()).byteLength).toBeGreaterThan(500);
    expect((await armor.get(`/consultations/${id}`)).html).toContain(`href="${receiptPath}"`);

    const other = await breizh.get(receiptPath);
    expect(other.status).toBe(404);
    expect(other.html).toContain('Page introuvable');
  }, 120_000);

  it('refuses a bid whose form does not carry its CSRF token first, keeping nothing', async () => {
    const form = new FormData();
    form.append('offre', new File(['x'], 'offre.pdf'));
    form.append('_csrf', armor.csrf);
    const res = await armor.postMultipart(`/consultations/${id}/lots/1/depot`, form);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Le formulaire a expiré');
    const kept = await t.handle.db.select().from(tenderDeposits).where(eq(tenderDeposits.consultationId, id));
    expect(kept).toHaveLength(1);
  }, 60_000);

  it('refuses the opening before the deadline with the French reason', async () => {
    await agent.get(`/acheteur/consultations/${id}`);
    const res = await agent.post(`/acheteur/consultations/${id}/ouverture`, {});
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Action refusée');
    expect(html).toContain('Les plis ne peuvent être ouverts qu’après la date limite');
    expect(html).toContain('scellé');
  }, 60_000);

  it('refuses the buyer’s follow-up page to a company and lets the operator read it', async () => {
    const res = await armor.get(`/acheteur/consultations/${id}`);
    expect(res.status).toBe(403);
    expect((await operator.get(`/acheteur/consultations/${id}`)).status).toBe(200);
  }, 60_000);

  it('ties the draft form’s refusals to their fields, then drafts and publishes', async () => {
    await agent.get('/acheteur/consultations/nouvelle');
    const fields = {
      reference: `F-${Date.now() % 1e9}`,
      titre: 'Entretien des espaces verts',
      objet: 'Tonte et taille dans les parcs de la ville',
      procedure: 'Procédure adaptée',
      nature: 'services',
      cpv: '77310000',
      lieu: '35238',
      duree: '12',
      test: '1',
      lot1_intitule: 'Parcs du nord',
      lot1_montant: '12000,00',
      lot1_date: '2027-03-15T17:00',
    };
    const refused = await agent.post('/acheteur/consultations/nouvelle', { ...fields, cpv: '99999999', lieu: 'x' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Brouillon non enregistré : 1 point à corriger');
    expect(html).toMatch(/id="cpv"[^>]*aria-invalid="true"/);
    expect(html).toContain('Code CPV inconnu');

    const created = await agent.post('/acheteur/consultations/nouvelle', fields);
    expect(created.status).toBe(303);
    const followPath = created.headers.get('location')!;
    const draft = await agent.get(followPath);
    expect(draft.html).toContain('Brouillon');
    // 17:00 in Paris on 15 March 2027 (winter time) is 16:00 UTC.
    expect(draft.html).toContain('datetime="2027-03-15T16:00:00.000Z"');
    const published = await agent.post(`${followPath}/publication`, {});
    expect(published.status).toBe(200);
    expect(await published.text()).toContain('Consultation publiée le');
    expect((await agent.get('/acheteur/consultations')).html).toContain('Entretien des espaces verts');
  }, 120_000);

  it('lists for the operator a consultation whose deadline passed without opening', async () => {
    const late = await publishedConsultation('Consultation close non ouverte', 1_500);
    await eventually(async () => {
      const { html } = await operator.get('/operateur/consultations-a-ouvrir');
      return html.includes(`/acheteur/consultations/${late}`) ? true : undefined;
    }, 30_000);
    const { html } = await operator.get('/operateur/consultations-a-ouvrir');
    expect(html).not.toContain(`/acheteur/consultations/${id}"`);
    expect((await agent.get('/operateur/consultations-a-ouvrir')).status).toBe(403);
  }, 60_000);

  it('opens after the deadline, awards a lot through the page, and the company reads its letter', async () => {
    const quick = await publishedConsultation('Consultation ouverte par la page', 8_000);
    await armor.get(`/consultations/${quick}/lots/1/depot`);
    const form = new FormData();
    form.append('_csrf', armor.csrf);
    form.append('offre', new File(['Prix : 39 000 € HT'], 'offre.pdf', { type: 'application/pdf' }));
    expect((await armor.postMultipart(`/consultations/${quick}/lots/1/depot`, form)).status).toBe(303);
    await agent.get(`/acheteur/consultations/${quick}`);
    const opened = await eventually(async () => {
      const res = await agent.post(`/acheteur/consultations/${quick}/ouverture`, {});
      return res.status === 200 ? res.text() : undefined;
    }, 60_000);
    expect(opened).toContain('1 pli(s), tous intacts');
    const depositId = /name="pli"[^]*?<option value="([0-9a-f-]{36})"/.exec(opened)?.[1];
    expect(depositId).toBeDefined();
    const refused = await agent.post(`/acheteur/consultations/${quick}/lots/1/attribution`, {
      pli: depositId!,
      montant: 'beaucoup',
      motifs: 'Meilleur rapport qualité-prix',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Le montant attribué est un montant HT');
    const awarded = await agent.post(`/acheteur/consultations/${quick}/lots/1/attribution`, {
      pli: depositId!,
      montant: '39 000,00',
      motifs: 'Meilleur rapport qualité-prix',
    });
    expect(awarded.status).toBe(200);
    expect(await awarded.text()).toContain('Lot 1 attribué. Lettres envoyées : 1 d’attribution, 0 de rejet.');
    const letters = await armor.get('/mes-lettres');
    const letter = /href="(\/mes-lettres\/[0-9a-f-]{36})"/.exec(letters.html)?.[1];
    expect(letters.html).toContain('non lue');
    const pdf = await armor.get(letter!);
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
    expect((await armor.get('/mes-lettres')).html).toContain('lue le');
    expect((await breizh.get(letter!)).status).toBe(404);
  }, 120_000);
});
