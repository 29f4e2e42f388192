// The accounting pages over the real app: a deposit through the page (streamed multipart), the readable view with
// its bordereau, piece, lines and the invoice a line pays, a refusal shown at its place, and tenancy.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pesInvoiceLinks } from '../../db/schema/accounting.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { createApp } from '../../src/app.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { partyBySiren } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { insertDepositedInvoice } from '../invoices/lifecycle-fixtures.ts';
import { PageClient } from '../web/page-client.ts';
import { demoSpec } from './pes-fixtures.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let rennes: PageClient;
let langouet: PageClient;
let operator: PageClient;

beforeAll(async () => {
  const files = createFileStore({ db: t.handle.db, backend: diskBackend(await mkdtemp(join(tmpdir(), 'pes-pages-'))) });
  app = createApp(testDeps(t.handle, { files }));
  app.route('/', portalRoutes);
  rennes = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
  langouet = await PageClient.logIn(app, 'comptable.langouet@demo.hub.bzh', 'Demo-Comptable-Langouet-2026');
  operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
});

async function depositThroughPage(client: PageClient, xml: string): Promise<{ status: number; html: string }> {
  await client.get('/flux-comptables/deposer');
  const form = new FormData();
  form.append('_csrf', client.csrf);
  form.append('fichier', new Blob([Buffer.from(xml, 'latin1')], { type: 'application/xml' }), 'pes.xml');
  const res = await client.postMultipart('/flux-comptables/deposer', form);
  return { status: res.status, html: await res.text() };
}

const flowIdIn = (html: string): string => /href="\/flux-comptables\/([0-9a-f-]{36})"/.exec(html)![1]!;

describe('accounting pages', () => {
  let flowId: string;

  it('deposits a PES through the page and lists it', async () => {
    const { status, html } = await depositThroughPage(rennes, pesAllerText(demoSpec({ nomFic: 'PAGE-OK-1' })));
    expect(status).toBe(201);
    expect(html).toContain('Flux déposé');
    flowId = flowIdIn(html);
    const list = await rennes.get('/flux-comptables');
    expect(list.html).toContain('PAGE-OK-1');
    expect(list.html).toContain('Posté');
    const filtered = await rennes.get('/flux-comptables?etat=ACQUITTE');
    expect(filtered.html).not.toContain('PAGE-OK-1');
  });

  it('shows the bordereau, the piece, its line with its tiers, the linked invoice, the PJ and the sign button', async () => {
    const supplier = await partyBySiren(t.handle.db, 'supplier', '812345676');
    const buyer = await partyBySiren(t.handle.db, 'commune', '213502388');
    const invoice = await insertDepositedInvoice(t.handle.db, { supplier, buyer }, { number: 'F2026-77' });
    // The link the preparation of the flow records once the line matched the invoice.
    await t.handle.db.insert(pesInvoiceLinks).values({
      flowId,
      invoiceId: invoice.invoiceId,
      structureId: buyer.id,
      exer: '2026',
      idBord: '12',
      idPce: '456',
      idLigne: '1',
    });
    const { status, html } = await rennes.get(`/flux-comptables/${flowId}`);
    expect(status).toBe(200);
    expect(html).toContain('Mandats 12');
    expect(html).toContain('Fournitures');
    expect(html).toContain('ARMOR BUREAUTIQUE');
    expect(html).toContain(`<a href="/factures/${invoice.invoiceId}">Facture F2026-77</a>`);
    expect(html).toContain(`action="/flux-comptables/${flowId}/signer"`);
    const pj = await rennes.get(`/flux-comptables/${flowId}/pj/PJFOURN1`);
    expect(pj.status).toBe(200);
    expect(pj.res.headers.get('content-type')).toBe('application/pdf');
    expect(pj.html).toBe('%PDF-1.4 facture de démonstration');
  });

  it('shows a refusal with each issue at its place in the file', async () => {
    const spec = demoSpec({ nomFic: 'PAGE-KO-1' });
    spec.bordereaux[0]!.mtBordHT = '999.00';
    const { status, html } = await depositThroughPage(rennes, pesAllerText(spec));
    expect(status).toBe(422);
    expect(html).toContain('Flux refusé');
    expect(html).toMatch(/<tr id="anomalie-1" data-place="Bordereau 12"><th scope="row">Bordereau 12<\/th>/);
    expect(html).toContain('MtBordHT');
    const view = await rennes.get(`/flux-comptables/${flowIdIn(html)}`);
    expect(view.html).toContain('Anomalies relevées par le hub');
    expect(view.html).toContain('data-place="Bordereau 12"');
  });

  it('gives another structure a 404 page, and lists nothing of Rennes to it', async () => {
    const other = await langouet.get(`/flux-comptables/${flowId}`);
    expect(other.status).toBe(404);
    expect(other.html).toContain('Page introuvable');
    expect((await langouet.get(`/flux-comptables/${flowId}/pj/PJFOURN1`)).status).toBe(404);
    expect((await langouet.get('/flux-comptables')).html).not.toContain('PAGE-OK-1');
  });

  it('lets the operator see the stuck flows page, and no one else', async () => {
    const page = await operator.get('/operateur/flux-comptables');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Flux comptables bloqués');
    expect((await rennes.get('/operateur/flux-comptables')).status).toBe(403);
    expect((await rennes.get('/flux-comptables/retours')).status).toBe(200);
  });
});
