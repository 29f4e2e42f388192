// Publication of an act after the real chain (mutual TLS to the demo ministry, its 1-2 by mail through dovecot):
// the stamped PDF carries the four lines, the public page lists it and finds it by a word.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acts } from '../../db/schema/acts.ts';
import { structures } from '../../db/schema/directory.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and } from 'drizzle-orm';
import { createApp } from '../../src/app.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { actForm, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

beforeAll(async () => {
  chain = await startActsChain(t.handle, { windowMs: 600_000 });
  app = createApp(chain.deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

const detail = async (id: string) =>
  (await (await app.request(`/api/acts/${id}`, { headers: auth })).json()) as Record<string, any>;

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-stamp-'));
  writeFileSync(join(dir, 'a.pdf'), bytes);
  return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

async function createAct(number: string, object: string) {
  const res = await app.request('/api/acts', {
    method: 'POST',
    headers: auth,
    body: actForm(metadata(number, { object }), samplePdf()),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A copy of an act of Rennes placed in another structure (Langouët), published: it must not show on Rennes's page. */
async function otherStructureAct(templateId: string, object: string) {
  const [other] = await t.handle.db
    .select({ id: structures.id })
    .from(structures)
    .where(and(eq(structures.siren, '213501463'), eq(structures.kind, 'commune')));
  const [row] = await t.handle.db.select().from(acts).where(eq(acts.id, templateId));
  const { id: _id, ...rest } = row!;
  void _id;
  const [copy] = await t.handle.db
    .insert(acts)
    .values({ ...rest, structureId: other!.id, number: 'AUTRE_1', object, envelopeName: null, publishedAt: new Date() })
    .returning({ id: acts.id });
  return copy!.id;
}

describe('act publication', () => {
  it('stamps, publishes and lists an acknowledged act; refuses the stamp before acknowledgement', async () => {
    const id = await createAct('P2026_001', 'Tarifs de la médiathèque municipale');
    const unpublishedId = await createAct('P2026_002', 'Tarifs de la piscine municipale');
    await chain.until('the acknowledgements', async () => {
      const [a, b] = [await detail(id), await detail(unpublishedId)];
      return a.status === 'ACQUITTE' && b.status === 'ACQUITTE' ? true : undefined;
    });

    // Before the acknowledgement: a pending act of the same structure gives 409 in French.
    const [pending] = await t.handle.db.select().from(acts).where(eq(acts.id, id));
    const [pendingCopy] = await t.handle.db
      .insert(acts)
      .values({
        ...pending!,
        id: undefined as never,
        number: 'P2026_ATTENTE',
        idActe: null,
        receivedOn: null,
        status: 'EN_ATTENTE_TRANSMISSION',
        envelopeName: null,
      })
      .returning({ id: acts.id });
    const early = await app.request(`/api/acts/${pendingCopy!.id}/stamped.pdf`, { headers: auth });
    expect(early.status).toBe(409);
    const earlyBody = (await early.json()) as { code: string; message: string };
    expect(earlyBody.code).toBe('ACT_NOT_ACKNOWLEDGED');
    expect(earlyBody.message).toMatch(/accusé de réception de la préfecture/);
    const earlyPublish = await app.request(`/api/acts/${pendingCopy!.id}/publish`, { method: 'POST', headers: auth });
    expect(earlyPublish.status).toBe(409);

    const published = await app.request(`/api/acts/${id}/publish`, { method: 'POST', headers: auth });
    expect(published.status).toBe(200);
    const publication = (await published.json()) as {
      publishedAt: string;
      enforceableAt: string;
      alreadyPublished: boolean;
    };
    expect(publication.alreadyPublished).toBe(false);
    const act = await detail(id);
    expect(act.events.map((e: { kind: string }) => e.kind)).toContain('published');
    expect(act.enforceableAt).toBe(publication.enforceableAt);
    const again = (await (await app.request(`/api/acts/${id}/publish`, { method: 'POST', headers: auth })).json()) as {
      alreadyPublished: boolean;
      publishedAt: string;
    };
    expect(again).toMatchObject({ alreadyPublished: true, publishedAt: publication.publishedAt });

    const stamped = await app.request(`/api/acts/${id}/stamped.pdf`, { headers: auth });
    expect(stamped.status).toBe(200);
    expect(stamped.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await stamped.arrayBuffer()));
    const fr = (iso: string) => iso.split('-').reverse().join('/');
    const paris = (d: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date(d));
    expect(text).toContain(`Envoyé en préfecture le ${paris(act.sentAt)}`);
    expect(text).toContain(`Reçu en préfecture le ${fr(act.receivedAt)}`);
    expect(text).toContain(`Publié le ${paris(publication.publishedAt)}`);
    expect(text).toContain(`ID : ${act.idActe}`);

    const otherId = await otherStructureAct(unpublishedId, 'Tarifs de la cantine de Langouët');

    const list = await app.request('/actes-publies');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('href="/actes-publies/213502388"');

    const page = await (await app.request('/actes-publies/213502388')).text();
    expect(page).toContain('Tarifs de la médiathèque municipale');
    expect(page).not.toContain('Tarifs de la piscine municipale');
    expect(page).not.toContain('Langouët');
    expect(page).toContain(`/actes-publies/213502388/${id}.pdf`);
    expect(page).toContain(fr(publication.enforceableAt));

    // Words of the object, accents and inflection folded; a word it lacks finds nothing.
    const found = await (await app.request('/actes-publies/213502388?mots=mediatheques')).text();
    expect(found).toContain('Tarifs de la médiathèque municipale');
    const none = await (await app.request('/actes-publies/213502388?mots=piscine')).text();
    expect(none).not.toContain('Tarifs de la');
    expect(none).toContain('Aucun acte publié ne répond à cette recherche.');
    const outOfRange = await (await app.request('/actes-publies/213502388?du=2026-02-01')).text();
    expect(outOfRange).not.toContain('Tarifs de la médiathèque municipale');

    // The public PDF is the stamped one; an unpublished act and another structure's act are not reachable there.
    const publicPdf = await app.request(`/actes-publies/213502388/${id}.pdf`);
    expect(publicPdf.status).toBe(200);
    expect(pdfText(new Uint8Array(await publicPdf.arrayBuffer()))).toContain(`ID : ${act.idActe}`);
    expect((await app.request(`/actes-publies/213502388/${unpublishedId}.pdf`)).status).toBe(404);
    expect((await app.request(`/actes-publies/213502388/${otherId}.pdf`)).status).toBe(404);
  }, 120_000);
});
