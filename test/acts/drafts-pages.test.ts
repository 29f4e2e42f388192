// The drafts' pages over the real chain: a draft saved from /actes/nouveau sends nothing; /actes/brouillons groups
// drafts by séance and a séance's link checks them; « Transmettre la sélection » sends them as one batch whose page
// shows each act acknowledged with its IDActe; a draft is deleted from its page; another collectivity's agent gets
// the 404; the form without its CSRF field sends nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acts } from '../../db/schema/acts.ts';
import { structures } from '../../db/schema/directory.ts';
import { createApp } from '../../src/app.ts';
import { findPersonByEmail, grantRole } from '../../src/platform/auth/index.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { samplePdf } from './harness.ts';

const t = useTestDatabase();
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let agent: PageClient;
let otherAgent: PageClient;

const logInAs = (email: string) => PageClient.logIn(app, email, DEMO_ACCOUNTS.find((a) => a.email === email)!.password);

beforeAll(async () => {
  chain = await startActsChain(t.handle, { windowMs: 3_600_000 });
  app = createApp(chain.deps);
  app.route('/', portalRoutes);
  const [langouet] = await t.handle.db.select().from(structures).where(eq(structures.siren, '213501463'));
  const person = await findPersonByEmail(chain.deps, 'comptable.langouet@demo.hub.bzh');
  await grantRole(chain.deps, person!.id, { role: 'agent', structureId: langouet!.id });
  agent = await logInAs('agent.rennes@demo.hub.bzh');
  otherAgent = await logInAs('comptable.langouet@demo.hub.bzh');
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

async function draftThroughPage(numero: string, seance: string): Promise<string> {
  await agent.get('/actes/nouveau');
  const form = new FormData();
  form.append('_csrf', agent.csrf);
  form.append('nature', '1');
  form.append('classification', '7.1');
  form.append('numero', numero);
  form.append('date_decision', '2026-01-15');
  form.append('objet', `Délibération ${numero}`);
  form.append('seance', seance);
  form.append('date_seance', '2026-01-15');
  form.append('envoi', 'brouillon');
  form.append('document', new Blob([samplePdf()], { type: 'application/pdf' }), 'acte.pdf');
  const res = await agent.postMultipart('/actes/nouveau', form);
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(/\?fait=brouillon$/);
  return /\/actes\/([0-9a-f-]{36})/.exec(location)![1]!;
}

const rowOf = async (id: string) => (await t.handle.db.select().from(acts).where(eq(acts.id, id)))[0];

describe('drafts pages', () => {
  it('saves drafts, sends one séance as a batch and shows each act acknowledged', async () => {
    const form = await agent.get('/actes/nouveau');
    expect(form.html).toContain('Enregistrer comme brouillon');
    const ids = [
      await draftThroughPage('PB2026_001', 'Conseil du 15 janvier'),
      await draftThroughPage('PB2026_002', 'Conseil du 15 janvier'),
    ];
    const apart = await draftThroughPage('PB2026_003', 'Bureau du 20 janvier');
    const page = await agent.get(`/actes/${ids[0]}?fait=brouillon`);
    expect(page.html).toContain('Brouillon enregistré');
    expect(page.html).toContain('Supprimer le brouillon');
    expect(chain.ministry.received.some((r) => r.messageName.includes('PB2026_'))).toBe(false);

    const drafts = await agent.get('/actes/brouillons');
    expect(drafts.status).toBe(200);
    expect(drafts.html).toContain('Conseil du 15 janvier (15/01/2026)');
    expect(drafts.html).toContain('Transmettre la sélection');
    const key = encodeURIComponent('2026-01-15|Conseil du 15 janvier');
    const checked = await agent.get(`/actes/brouillons?seance=${key}`);
    for (const id of ids) expect(checked.html).toMatch(new RegExp(`value="${id}" checked`));
    expect(checked.html).not.toMatch(new RegExp(`value="${apart}" checked`));

    // Without the CSRF field nothing is sent.
    const forged = await agent.post('/actes/brouillons', { actes: ids }, { csrf: false });
    expect(forged.status).toBe(403);
    expect((await rowOf(ids[0]!))!.status).toBe('BROUILLON');
    // Another collectivity's agent cannot send them.
    await otherAgent.get('/actes/brouillons');
    expect((await otherAgent.post('/actes/brouillons', { actes: ids })).status).toBe(404);
    expect((await otherAgent.get(`/actes/${ids[0]}`)).status).toBe(404);

    const sent = await agent.post('/actes/brouillons', { actes: ids });
    expect(sent.status).toBe(303);
    const batchUrl = sent.headers.get('location')!;
    expect(batchUrl).toMatch(/^\/actes\/lots\/[0-9a-f-]{36}\?fait=envoye$/);
    await chain.until('the acknowledgements', async () => {
      const rows = await Promise.all(ids.map(rowOf));
      return rows.every((r) => r?.status === 'ACQUITTE') ? rows : undefined;
    });
    const batch = await agent.get(batchUrl.replace(/\?.*$/, ''));
    expect(batch.html).toContain('035-213502388-20260115-PB2026_001-DE');
    expect(batch.html).toContain('035-213502388-20260115-PB2026_002-DE');
    expect(batch.html).toContain('2 actes, 2 acquittés');
    expect((await otherAgent.get(batchUrl)).status).toBe(404);
    expect((await rowOf(apart))!.status).toBe('BROUILLON');

    // The other draft is deleted from its page.
    await agent.get(`/actes/${apart}`);
    const deleted = await agent.post(`/actes/${apart}/supprimer`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/actes/brouillons?fait=supprime');
    expect(await rowOf(apart)).toBeUndefined();
    expect((await agent.get('/actes/brouillons')).html).toContain('Aucun brouillon.');
  }, 120_000);

  it('sends an empty selection back to the drafts page with a French error', async () => {
    await draftThroughPage('PB2026_010', '');
    await agent.get('/actes/brouillons');
    const res = await agent.post('/actes/brouillons', {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('cochez au moins un brouillon à transmettre');
  }, 60_000);
});
