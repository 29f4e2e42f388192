// The JSON API of the accounting flows over a real socket: a deposit accepted, followed to its acknowledgement with
// its invoice linked and the acquit downloadable; refusals with their code and French message, nothing sent and
// nothing stored damaged (not ISO-8859-1, not well-formed, DTD, 129 MiB, duplicate NomFic).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesFlows } from '../../db/schema/accounting.ts';
import { storedFiles } from '../../db/schema/files.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { createApiClient } from '../../src/platform/auth/api-clients.ts';
import { multipartBody, postStream } from '../helpers/multipart.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { pollUntil } from './accounting-harness.ts';
import { availableInvoice, formWithFile, mandateSpec, startApiHarness, type ApiHarness } from './api-harness.ts';

const t = useTestDatabase();
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness(t.handle);
}, 120_000);
afterAll(async () => h?.stopAll());

async function deposit(bytes: Buffer, authorization = h.bearer) {
  const form = formWithFile('file', 'pes.xml', bytes);
  const res = await fetch(`${h.base}/api/accounting/flows`, {
    method: 'POST',
    headers: { authorization, 'content-type': form.contentType },
    body: form.body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const api = async (path: string) => {
  const res = await fetch(`${h.base}${path}`, { headers: { authorization: h.bearer } });
  return { status: res.status, res };
};

const fileCount = async () => (await t.handle.db.select({ n: count() }).from(storedFiles))[0]!.n;
const flowCount = async () => (await t.handle.db.select({ n: count() }).from(pesFlows))[0]!.n;

describe('POST /api/accounting/flows and its follow-up', () => {
  it('accepts a PES (201), which is sent, acknowledged, lists its invoice and serves its acquit', async () => {
    const invoice = await availableInvoice(h, t.handle.db);
    const nomFic = `API-OK-${Date.now()}`;
    const created = await deposit(
      Buffer.from(pesAllerText(mandateSpec(h, nomFic, invoice.number, '81', '9001')), 'latin1'),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'POSTE', nomFic });
    const id = created.body.id as string;
    await pollUntil(h.deps, id, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);

    const detail = await api(`/api/accounting/flows/${id}`);
    expect(detail.status).toBe(200);
    const flow = (await detail.res.json()) as Record<string, unknown>;
    expect(flow).toMatchObject({
      id,
      status: 'ACQUITTE',
      statusLabel: 'Acquitté',
      s2lowStatus: 4,
      channel: 'api',
      issues: [],
      acknowledgement: { kind: 'ACQUIT', download: `/api/accounting/flows/${id}/acquit` },
      invoices: [expect.objectContaining({ invoiceId: invoice.invoiceId, number: invoice.number, idPce: '9001' })],
    });

    const acquit = await api(`/api/accounting/flows/${id}/acquit`);
    expect(acquit.status).toBe(200);
    expect(acquit.res.headers.get('content-type')).toBe('application/xml');
    expect(await acquit.res.text()).toMatch(/<n:PES_ACQUIT /);

    const list = await api('/api/accounting/flows?limit=5');
    const items = ((await list.res.json()) as { items: { id: string }[] }).items;
    expect(items.map((i) => i.id)).toContain(id);
    expect((await api('/api/accounting/flows/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const openapi = (await (await fetch(`${h.base}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/accounting/flows',
        '/api/accounting/flows/{id}',
        '/api/accounting/flows/{id}/acquit',
      ]),
    );
    expect(Object.keys(openapi.paths['/api/accounting/flows']!)).toEqual(expect.arrayContaining(['get', 'post']));
  }, 180_000);

  it('refuses, in French and with the element, a file that is not ISO-8859-1, not well-formed, or has a DTD; nothing sent', async () => {
    const sent = h.fake.received.length;
    const text = pesAllerText(mandateSpec(h, `API-ENC-${Date.now()}`, 'X-1', '82', '9002'));
    const utf8 = await deposit(Buffer.from(text.replace('ISO-8859-1', 'UTF-8'), 'utf8'));
    expect(utf8.status).toBe(422);
    expect(utf8.body).toMatchObject({ status: 'NON_CONFORME', code: 'PES_NOT_ISO_8859_1' });
    expect(utf8.body.message).toMatch(/ISO-8859-1/);

    const cut = await deposit(Buffer.from(text.slice(0, text.length - 40), 'latin1'));
    expect(cut.status).toBe(422);
    expect(cut.body.code).toBe('PES_NOT_WELL_FORMED');
    expect(cut.body.message).toMatch(/^Le fichier n'est pas un XML bien formé/);

    const dtd = await deposit(Buffer.from(text.replace('?>\n', '?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n'), 'latin1'));
    expect(dtd.status).toBe(422);
    expect(dtd.body.code).toBe('PES_DTD_FORBIDDEN');
    expect(dtd.body.issues).toEqual([expect.objectContaining({ message: expect.stringMatching(/DTD|DOCTYPE/) })]);
    const [kept] = await t.handle.db
      .select()
      .from(pesFlows)
      .where(eq(pesFlows.id, dtd.body.id as string));
    expect(kept?.status).toBe('NON_CONFORME');
    expect(h.fake.received.length).toBe(sent);
  }, 60_000);

  it('refuses a duplicate NomFic (409) and sends only the first', async () => {
    const sent = h.fake.received.length;
    const nomFic = `API-DUP-${Date.now()}`;
    const first = await deposit(Buffer.from(pesAllerText(mandateSpec(h, nomFic, 'X-2', '83', '9003')), 'latin1'));
    expect(first.status).toBe(201);
    const second = await deposit(Buffer.from(pesAllerText(mandateSpec(h, nomFic, 'X-2', '84', '9004')), 'latin1'));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'PES_DUPLICATE_NOMFIC', status: 'NON_CONFORME' });
    expect(second.body.message).toContain(`« ${nomFic} », déjà utilisé par un flux de cette structure`);
    await pollUntil(h.deps, first.body.id as string, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(h.fake.received.length).toBe(sent + 1);
  }, 120_000);

  it('cuts a 129 MiB upload at 128 MiB with FILE_TOO_LARGE (413), keeping neither a file nor a flow', async () => {
    const [files, flows] = [await fileCount(), await flowCount()];
    const MiB = 1024 * 1024;
    const head = Buffer.from(pesAllerText(mandateSpec(h, `API-BIG-${Date.now()}`, 'X-3', '85', '9005')), 'latin1');
    const padding = Buffer.alloc(MiB, 0x20);
    async function* big(): AsyncGenerator<Uint8Array> {
      yield head;
      for (let i = 0; i < 129; i++) yield padding;
    }
    // Streamed without a Content-Length: only the route's meter can stop it.
    const form = multipartBody([{ name: 'file', fileName: 'gros.xml', mediaType: 'text/xml', content: big() }]);
    const res = await postStream(`${h.base}/api/accounting/flows`, form.stream, {
      authorization: h.bearer,
      'content-type': form.contentType,
    });
    expect(res).toMatchObject({ status: 413, outcome: 'answered' });
    const body = JSON.parse(res.body) as { code: string; message: string };
    expect(body.code).toBe('FILE_TOO_LARGE');
    expect(body.message).toBe(
      'Le fichier dépasse 128 Mio, la taille maximale d’un flux PES : l’envoi a été interrompu et rien n’a été enregistré.',
    );
    // Declared far over the cap: refused from the headers, in the same words (in process: over a socket the
    // server's early close races the client's writes).
    const small = formWithFile('file', 'gros.xml', head);
    const early = await h.app.request('/api/accounting/flows', {
      method: 'POST',
      headers: { authorization: h.bearer, 'content-type': small.contentType, 'content-length': String(200 * MiB) },
      body: small.body,
    });
    expect(early.status).toBe(413);
    expect(((await early.json()) as { message: string }).message).toBe(body.message);
    expect([await fileCount(), await flowCount()]).toEqual([files, flows]);
  }, 120_000);

  it('asks for a login (401), and refuses a supplier (403) before reading the file', async () => {
    const anonymous = await fetch(`${h.base}/api/accounting/flows`);
    expect(anonymous.status).toBe(401);
    const clientId = `test-supplier-${Date.now()}`;
    await createApiClient(h.deps, {
      clientId,
      clientSecret: 'secret-fournisseur',
      name: clientId,
      structureId: h.parties.supplier.party.id,
      grants: [{ role: 'supplier', structureId: h.parties.supplier.party.id }],
    });
    const token = await fetch(`${h.base}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: 'secret-fournisseur',
      }),
    });
    const bearer = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
    const files = await fileCount();
    const refused = await deposit(
      Buffer.from(pesAllerText(mandateSpec(h, `API-SUP-${Date.now()}`, 'X', '86', '9006')), 'latin1'),
      bearer,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Seul un comptable ou un agent d’une collectivité peut déposer un flux PES.');
    expect(await fileCount()).toBe(files);
  });
});
