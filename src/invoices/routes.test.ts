import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema/invoices.ts';
import { ciiInvoice, facturXBytes, testParties, ublInvoice, uniqueInvoiceNumber } from '../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { createApp } from '../app.ts';
import {
  createApiClient,
  createPerson,
  issueClientToken,
  openSession,
  SESSION_COOKIE,
  type Role,
} from '../platform/auth/index.ts';
import { invoiceRoutes } from './routes.ts';
import type { InvoiceDeps } from './settings.ts';

const t = useTestDatabase();
let temporal: Client;
let p: Awaited<ReturnType<typeof testParties>>;
let app: ReturnType<typeof createApp>;
let deps: InvoiceDeps;
const tokens: Record<string, string> = {};
const started: string[] = [];

async function bearer(role: Role, ...structureIds: string[]): Promise<string> {
  const clientId = `test-${role}-${randomUUID().slice(0, 8)}`;
  await createApiClient(deps, {
    clientId,
    clientSecret: 'secret-de-test',
    name: clientId,
    structureId: structureIds[0] ?? randomUUID(),
    grants: structureIds.map((structureId) => ({ role, structureId })),
  });
  return (await issueClientToken(deps, { clientId, clientSecret: 'secret-de-test' })).access_token;
}

beforeAll(async () => {
  temporal = await testTemporalClient();
  p = await testParties(t.handle.db);
  deps = { ...testDeps(t.handle, { temporal }), invoices: { timing: { dayMs: 1000 }, maxDepositBytes: 200_000 } };
  app = createApp(deps);
  app.route('/', invoiceRoutes);
  tokens.armor = await bearer('supplier', p.armor.id);
  tokens.breizh = await bearer('supplier', p.breizh.id);
  tokens.both = await bearer('supplier', p.armor.id, p.breizh.id);
  tokens.rennes = await bearer('accountant', p.rennes.id);
  tokens.brest = await bearer('accountant', p.brest.id);
  tokens.operator = await bearer('operator', p.rennes.id);
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal.connection.close();
});

const auth = (who: string, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${tokens[who]}`,
  ...extra,
});
const forRennes = (number = uniqueInvoiceNumber('HTTP')) => ({
  supplierSiret: p.armor.siret,
  supplierName: p.armor.name,
  buyerSiret: p.rennes.siret,
  serviceCode: 'FIN',
  number,
});

async function post(body: string | FormData, headers: Record<string, string>, query = '') {
  const res = await app.request(`/api/invoices${query}`, { method: 'POST', body, headers });
  const json = (await res.json()) as any;
  if (json.outcome === 'accepted') started.push(json.workflowId);
  return { status: res.status, json };
}

describe('POST /api/invoices', () => {
  it('accepts a raw UBL body: 201 with the invoice id and status', async () => {
    const { status, json } = await post(
      ublInvoice(forRennes()),
      auth('armor', { 'Content-Type': 'application/xml' }),
      '?fileName=f.xml',
    );
    expect(status).toBe(201);
    expect(json).toMatchObject({ outcome: 'accepted', status: 'DEPOSEE', syntax: 'UBL', buyer: { id: p.rennes.id } });
    expect(json.invoiceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts a multipart form with a Factur-X file', async () => {
    const form = new FormData();
    form.append('file', new File([await facturXBytes(forRennes())], 'facture.pdf', { type: 'application/pdf' }));
    const { status, json } = await post(form, auth('armor'));
    expect(status).toBe(201);
    expect(json.syntax).toBe('FACTURX');
    const detail = await app.request(`/api/invoices/${json.invoiceId}`, { headers: auth('armor') });
    expect(((await detail.json()) as any).deposit.fileName).toBe('facture.pdf');
  });

  it('answers 409 with the Chorus wording for a duplicate', async () => {
    const xml = ciiInvoice(forRennes());
    expect((await post(xml, auth('armor', { 'Content-Type': 'application/xml' }))).status).toBe(201);
    const { status, json } = await post(xml, auth('armor', { 'Content-Type': 'text/xml' }));
    expect(status).toBe(409);
    expect(json).toMatchObject({ outcome: 'refused', code: 'DUPLICATE_INVOICE' });
    expect(json.message).toContain(
      'Vous avez déjà déposé une demande de paiement avec ce numéro de facture pour cette structure',
    );
    expect(json.requestId).toBeTruthy();
  });

  it('answers 422 with the violations for an invalid invoice and for a routing refusal', async () => {
    const invalid = await post(
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
      auth('armor', { 'Content-Type': 'application/xml' }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.json.code).toBe('VALIDATION_FAILED');
    expect(invalid.json.violations.length).toBeGreaterThan(0);
    const unrouted = await post(
      ublInvoice({ ...forRennes(), serviceCode: 'NOPE' }),
      auth('armor', { 'Content-Type': 'application/xml' }),
    );
    expect(unrouted).toMatchObject({ status: 422, json: { code: 'UNKNOWN_SERVICE' } });
  });

  it('asks which supplier when the caller acts for several, and uses X-Supplier-Id', async () => {
    const xml = ublInvoice(forRennes());
    const ambiguous = await post(xml, auth('both', { 'Content-Type': 'application/xml' }));
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.json.message).toContain('X-Supplier-Id');
    const chosen = await post(xml, auth('both', { 'Content-Type': 'application/xml', 'X-Supplier-Id': p.armor.id }));
    expect(chosen.status).toBe(201);
  });

  it('refuses callers that are not the supplier: 401 anonymous, 403 accountant or another supplier', async () => {
    const xml = ublInvoice(forRennes());
    expect((await post(xml, { 'Content-Type': 'application/xml' })).status).toBe(401);
    expect((await post(xml, auth('rennes', { 'Content-Type': 'application/xml' }))).status).toBe(403);
    expect(
      (await post(xml, auth('breizh', { 'Content-Type': 'application/xml' }), `?supplierId=${p.armor.id}`)).status,
    ).toBe(403);
  });

  it('answers 413 in French for a body over the limit, and 415 for another content type', async () => {
    const big = await post('<a>' + 'x'.repeat(300_000) + '</a>', auth('armor', { 'Content-Type': 'application/xml' }));
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(big.json.message).toMatch(/taille maximale/);
    const json = await post('{"a":1}', auth('armor', { 'Content-Type': 'application/json' }));
    expect(json).toMatchObject({ status: 415, json: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('requires the CSRF token when the caller comes with a session cookie', async () => {
    const person = await createPerson(deps, {
      email: `fournisseur-${randomUUID().slice(0, 8)}@test.hub.bzh`,
      displayName: 'Fournisseur',
      password: 'Mot-de-passe-de-test-1',
      grants: [{ role: 'supplier', structureId: p.armor.id }],
    });
    const session = await openSession(deps, person.id);
    const cookie = `${SESSION_COOKIE}=${session.sessionToken}`;
    const without = await post(ublInvoice(forRennes()), { Cookie: cookie, 'Content-Type': 'application/xml' });
    expect(without.status).toBe(403);
    const withToken = await post(ublInvoice(forRennes()), {
      Cookie: cookie,
      'Content-Type': 'application/xml',
      'X-CSRF-Token': session.csrfToken,
    });
    expect(withToken.status).toBe(201);
  });
});

describe('GET /api/invoices and the documents', () => {
  let invoiceId: string;
  let xml: string;
  let number: string;

  beforeAll(async () => {
    number = uniqueInvoiceNumber('GET');
    xml = ublInvoice(forRennes(number));
    const { json } = await post(xml, auth('armor', { 'Content-Type': 'application/xml' }), '?fileName=facture-get.xml');
    invoiceId = json.invoiceId;
  });

  it('lists with filters and pagination for the recipient’s accountant', async () => {
    const res = await app.request(`/api/invoices?q=${number}&status=DEPOSEE,MISE_A_DISPOSITION&pageSize=10`, {
      headers: auth('rennes'),
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as any;
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(page.items[0]).toMatchObject({ id: invoiceId, number, status: 'DEPOSEE', buyer: { id: p.rennes.id } });
  });

  it('answers 400 in French for bad filters', async () => {
    const res = await app.request('/api/invoices?status=PAYEE&pageSize=500&amountMin=12,5', {
      headers: auth('operator'),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.code).toBe('INVALID_INPUT');
    expect(body.message).toMatch(/statut inconnu/);
    expect(body.message).toMatch(/au plus 200/);
    expect(body.message).toMatch(/montant attendu/);
  });

  it('hides the invoice from another supplier and another commune’s accountant with the same 404', async () => {
    for (const who of ['breizh', 'brest']) {
      for (const path of ['', '/events', '/original', '/pdf']) {
        const res = await app.request(`/api/invoices/${invoiceId}${path}`, { headers: auth(who) });
        expect(res.status).toBe(404);
        expect(((await res.json()) as any).code).toBe('NOT_FOUND');
      }
    }
    const list = await app.request(`/api/invoices?q=${number}`, { headers: auth('breizh') });
    expect(((await list.json()) as any).total).toBe(0);
  });

  it('gives the detail and the events', async () => {
    const detail = (await (
      await app.request(`/api/invoices/${invoiceId}`, { headers: auth('operator') })
    ).json()) as any;
    expect(detail).toMatchObject({
      id: invoiceId,
      number,
      paymentClock: { paymentDelayDays: 30 },
      validationReport: { profile: 'b2g' },
    });
    const events = (await (
      await app.request(`/api/invoices/${invoiceId}/events`, { headers: auth('rennes') })
    ).json()) as any;
    expect(events.items).toEqual([expect.objectContaining({ sequence: 1, toStatus: 'DEPOSEE' })]);
  });

  it('downloads the original as an attachment and the PDF inline', async () => {
    const original = await app.request(`/api/invoices/${invoiceId}/original`, { headers: auth('rennes') });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('application/xml');
    expect(original.headers.get('content-disposition')).toMatch(/^attachment; filename="facture-get.xml"/);
    expect(await original.text()).toBe(xml);
    const pdf = await app.request(`/api/invoices/${invoiceId}/pdf`, { headers: auth('armor') });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="facture-get.pdf"/);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('refuses a decision from another commune’s accountant with 404 and from the supplier with 403', async () => {
    const other = await app.request(`/api/invoices/${invoiceId}/decisions`, {
      method: 'POST',
      headers: auth('brest', { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ kind: 'SERVICE_FAIT' }),
    });
    expect(other.status).toBe(404);
    const supplier = await app.request(`/api/invoices/${invoiceId}/decisions`, {
      method: 'POST',
      headers: auth('armor', { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ kind: 'SERVICE_FAIT' }),
    });
    expect(supplier.status).toBe(403);
    const [row] = await t.handle.db.select({ n: count() }).from(invoices).where(eq(invoices.id, invoiceId));
    expect(row?.n).toBe(1);
  });

  it('validates a decision body in French', async () => {
    const res = await app.request(`/api/invoices/${invoiceId}/decisions`, {
      method: 'POST',
      headers: auth('rennes', { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ kind: 'PAYEE' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toMatch(/décision inconnue/);
  });
});

describe('OpenAPI document', () => {
  it('documents the invoice routes', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as any;
    for (const path of [
      '/api/invoices',
      '/api/invoices/{id}',
      '/api/invoices/{id}/events',
      '/api/invoices/{id}/original',
      '/api/invoices/{id}/pdf',
      '/api/invoices/{id}/decisions',
      '/api/invoices/{id}/supplier-actions',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/invoices'].post.summary).toMatch(/Déposer une facture/);
  });
});
