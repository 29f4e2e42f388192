// Refusals that say how to fix them, over the JSON API and on the pages: the recipient's active services for a
// wrong service code, the amounts found and expected for a total that does not add up, the link to the invoice a
// duplicate repeats, the business term and invoice line of each finding; and the supplier's deposit history, which
// shows every attempt with its report to its own supplier only.
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deposits } from '../../db/schema/invoices.ts';
import { writeUbl } from '../../formats/index.ts';
import { createApp } from '../../src/app.ts';
import type { InvoiceDeps } from '../../src/invoices/settings.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { DEMO_API_CLIENT } from '../../src/seed/demo-accounts.ts';
import { clientCredentialsToken } from '../helpers/client-token.ts';
import { testInvoice, testParties, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';

const t = useTestDatabase();
let temporal: Client;
let app: ReturnType<typeof createApp>;
let parties: Awaited<ReturnType<typeof testParties>>;
let token: string;
let armor: PageClient;
let breizh: PageClient;
const started: string[] = [];

beforeAll(async () => {
  temporal = await testTemporalClient();
  parties = await testParties(t.handle.db);
  const deps: InvoiceDeps = { ...testDeps(t.handle, { temporal }), invoices: { timing: { dayMs: 1000 } } };
  app = createApp(deps);
  app.route('/', portalRoutes);
  token = await clientCredentialsToken(app, DEMO_API_CLIENT.clientId, DEMO_API_CLIENT.clientSecret);
  armor = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
  breizh = await PageClient.logIn(app, 'fournisseur.breizh@demo.hub.bzh', 'Demo-Breizh-2026');
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal.connection.close();
});

type Options = Partial<Parameters<typeof testInvoice>[0]>;
const invoiceFor = (extra: Options = {}) =>
  testInvoice({
    supplierSiret: parties.armor.siret,
    supplierName: parties.armor.name,
    buyerSiret: parties.rennes.siret,
    serviceCode: 'FIN',
    lineAmounts: ['1200.00', '34.50'],
    number: uniqueInvoiceNumber('REF'),
    ...extra,
  });

async function apiDeposit(xml: string): Promise<{ status: number; json: any }> {
  const res = await app.request('/api/invoices?fileName=facture.xml', {
    method: 'POST',
    body: xml,
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
  });
  const json = (await res.json()) as any;
  if (json.outcome === 'accepted') started.push(json.workflowId);
  return { status: res.status, json };
}

async function api(path: string, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) {
  const res = await app.request(path, { headers });
  return { status: res.status, json: (await res.json()) as any };
}

async function pageDeposit(xml: string, name: string): Promise<{ status: number; html: string }> {
  await armor.get('/factures/deposer');
  const form = new FormData();
  form.append('file', new File([xml], name, { type: 'application/xml' }));
  const res = await armor.postMultipart('/factures/deposer', form);
  return { status: res.status, html: await res.text() };
}

const RENNES_ACTIVE = [
  { code: 'FIN', label: 'Direction des finances', engagementNumberRequired: false },
  { code: 'SI', label: expect.any(String), engagementNumberRequired: true },
  { code: 'TECH', label: expect.any(String), engagementNumberRequired: true },
];

describe('a wrong service code', () => {
  it('lists the recipient’s active services with their codes and names, in JSON and on the page', async () => {
    const unknown = await apiDeposit(writeUbl(invoiceFor({ serviceCode: 'XYZ' })));
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({
      code: 'UNKNOWN_SERVICE',
      recipientServices: { buyer: { id: parties.rennes.id, siret: parties.rennes.siret } },
    });
    const codes = unknown.json.recipientServices.services.map((s: { code: string }) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['FIN', 'SI', 'TECH']));
    expect(codes).not.toContain('DPB'); // inactive
    expect(unknown.json.recipientServices.services).toEqual(expect.arrayContaining(RENNES_ACTIVE));

    const missing = await apiDeposit(writeUbl(invoiceFor({ serviceCode: '' })));
    expect(missing.json).toMatchObject({ code: 'SERVICE_CODE_REQUIRED' });
    expect(missing.json.recipientServices.services).toEqual(unknown.json.recipientServices.services);

    const { status, html } = await pageDeposit(writeUbl(invoiceFor({ serviceCode: 'XYZ' })), 'sans-service.xml');
    expect(status).toBe(422);
    expect(html).toContain('Services actifs de Rennes : indiquez l’un de ces codes comme code service (BT-10');
    expect(html).toMatch(/<code>FIN<\/code><\/td><td data-label="Service"><span>Direction des finances<\/span>/);
    expect(html).toContain(`href="/annuaire-destinataires/${parties.rennes.id}"`);
    expect(html).not.toContain('<code>DPB</code>');
  });
});

describe('a total that does not add up', () => {
  it('gives the amount found and the amount expected as EN 16931 computes them', async () => {
    const invoice = invoiceFor();
    invoice.totals!.taxInclusiveAmount = '9999.99';
    const { status, json } = await apiDeposit(writeUbl(invoice));
    expect(status).toBe(422);
    expect(json.code).toBe('VALIDATION_FAILED');
    const brCo15 = json.violations.find((v: { rule: string }) => v.rule === 'BR-CO-15');
    // 1234.50 HT + 246.90 VAT
    expect(brCo15).toMatchObject({ bt: 'BT-112', amounts: { found: '9999.99', expected: '1481.40' } });
    expect(brCo15.path).toContain('cbc:TaxInclusiveAmount'); // the XPath stays, for software
  });

  it('shows the business term and the invoice line, not the XPath, on the page', async () => {
    const invoice = invoiceFor();
    invoice.totals!.taxInclusiveAmount = '9999.99';
    invoice.lines[1]!.item.name = ''; // BR-25 on the second line
    const { html } = await pageDeposit(writeUbl(invoice), 'totaux-faux.xml');
    expect(html).toContain('Montant indiqué : 9\u202f999,99 ; montant attendu : 1\u202f481,40.');
    expect(html).toMatch(/<span>Montant total TTC \(BT-112\)<\/span>/);
    expect(html).toMatch(/<code>BR-25<\/code>.*?<span>[^<]*\(BT-153\), ligne 2 de la facture<\/span>/);
    expect(html).not.toContain('/Invoice/cac:');
  });
});

describe('a duplicate', () => {
  it('links to the invoice already deposited under the same number', async () => {
    const invoice = invoiceFor();
    const first = await apiDeposit(writeUbl(invoice));
    expect(first.status).toBe(201);
    const again = await apiDeposit(writeUbl(invoice));
    expect(again).toMatchObject({
      status: 409,
      json: { code: 'DUPLICATE_INVOICE', existingInvoiceId: first.json.invoiceId },
    });
    const { html } = await pageDeposit(writeUbl(invoice), 'doublon.xml');
    expect(html).toContain(`<a href="/factures/${first.json.invoiceId}" data-existing-invoice="true">`);
    expect(html).toContain('Voir la facture déjà déposée sous ce numéro');
  });
});

describe('the supplier’s deposit history', () => {
  it('lists every attempt newest first, paginated, with each report, over the API', async () => {
    const refused = await apiDeposit(writeUbl(invoiceFor({ serviceCode: 'NOPE' })));
    const accepted = await apiDeposit(writeUbl(invoiceFor()));
    expect(accepted.status).toBe(201);
    const list = await api('/api/deposits?pageSize=2');
    expect(list.status).toBe(200);
    expect(list.json.items.map((d: { id: string }) => d.id)).toEqual([accepted.json.depositId, refused.json.depositId]);
    expect(list.json.total).toBeGreaterThanOrEqual(2);
    expect(list.json.items[0]).toMatchObject({ outcome: 'accepted', invoice: { id: accepted.json.invoiceId } });
    expect(list.json.items[1]).toMatchObject({ outcome: 'refused', refusalCode: 'UNKNOWN_SERVICE', invoice: null });
    const second = await api('/api/deposits?pageSize=2&page=2');
    expect(second.json.items.map((d: { id: string }) => d.id)).not.toContain(accepted.json.depositId);
    const refusedOnly = await api('/api/deposits?outcome=refused&pageSize=200');
    expect(refusedOnly.json.items.every((d: { outcome: string }) => d.outcome === 'refused')).toBe(true);
    expect((await api('/api/deposits?outcome=maybe')).status).toBe(400);

    const detail = await api(`/api/deposits/${refused.json.depositId}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      outcome: 'refused',
      refusalCode: 'UNKNOWN_SERVICE',
      refusalMessage: refused.json.message,
      recipientServices: refused.json.recipientServices,
    });
    const [row] = await t.handle.db.select().from(deposits).where(eq(deposits.id, refused.json.depositId));
    expect(row?.refusalDetails).toEqual({ recipientServices: refused.json.recipientServices });
  });

  it('keeps the amounts and the duplicate of a refusal in its report', async () => {
    const invoice = invoiceFor();
    invoice.totals!.taxInclusiveAmount = '9999.99';
    const wrong = await apiDeposit(writeUbl(invoice));
    const detail = await api(`/api/deposits/${wrong.json.depositId}`);
    expect(detail.json.fatalCount).toBeGreaterThan(0);
    expect(detail.json.violations).toEqual(wrong.json.violations);

    const good = invoiceFor();
    const first = await apiDeposit(writeUbl(good));
    const twice = await apiDeposit(writeUbl(good));
    expect((await api(`/api/deposits/${twice.json.depositId}`)).json).toMatchObject({
      refusalCode: 'DUPLICATE_INVOICE',
      existingInvoiceId: first.json.invoiceId,
    });
  });

  it('shows the list and the report on the pages, in French', async () => {
    const invoice = invoiceFor({ serviceCode: 'XYZ' });
    const refused = await apiDeposit(writeUbl(invoice));
    const list = await armor.get('/factures/depots');
    expect(list.status).toBe(200);
    expect(list.html).toContain('<h1>Mes dépôts</h1>');
    expect(list.html).toContain(`href="/factures/depots/${refused.json.depositId}"`);
    expect(list.html).toContain('<span class="badge badge-danger">Refusée</span>');
    expect(list.html).toContain('<span class="badge badge-success">Acceptée</span>');
    expect(list.html).toContain('href="/factures/depots"'); // in the navigation
    const filtered = await armor.get('/factures/depots?resultat=accepted');
    expect(filtered.html).not.toContain('Refusée</span>');

    const report = await armor.get(`/factures/depots/${refused.json.depositId}`);
    expect(report.status).toBe(200);
    expect(report.html).toContain('Facture refusée');
    expect(report.html).toContain(refused.json.message.replace(/"/g, '&quot;'));
    expect(report.html).toContain('<code>UNKNOWN_SERVICE</code>');
    expect(report.html).toContain('Services actifs de Rennes');
    expect(report.html).toContain('<code>FIN</code>');
  });

  it('is the supplier’s own: another supplier gets the same 404 as for an unknown deposit', async () => {
    const refused = await apiDeposit(writeUbl(invoiceFor({ serviceCode: 'XYZ' })));
    const id = refused.json.depositId as string;
    const asBreizh = { cookie: breizh.jar.header() };
    const other = await api(`/api/deposits/${id}`, asBreizh);
    const unknown = await api('/api/deposits/00000000-0000-4000-8000-000000000000', asBreizh);
    expect(other).toMatchObject({ status: 404, json: { code: 'NOT_FOUND', message: unknown.json.message } });
    expect(other.json.message).toBe('Dépôt introuvable : cet élément n’existe pas ou vous n’y avez pas accès.');
    expect(
      (await api('/api/deposits?pageSize=200', asBreizh)).json.items.map((d: { id: string }) => d.id),
    ).not.toContain(id);
    expect((await breizh.get(`/factures/depots/${id}`)).status).toBe(404);
    expect((await breizh.get('/factures/depots')).html).not.toContain(id);
    expect((await api('/api/deposits', {})).status).toBe(401);
    const accountant = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    expect((await api(`/api/deposits/${id}`, { cookie: accountant.jar.header() })).status).toBe(404);
    expect((await accountant.get('/factures/depots')).status).toBe(403);
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = (await api('/api/openapi.json', {})).json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/deposits', '/api/deposits/{id}']));
    expect(doc.components.schemas.DepotRefuse.properties.recipientServices).toBeDefined();
  });
});
