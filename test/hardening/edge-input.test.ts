// Hostile input at the HTTP edge of the whole app (createApp, as `hub start` serves it): control characters,
// bodies too large (declared or streamed), wrong media types, impossible dates, huge amounts, database outages,
// the public directory, duplicates, logout without CSRF, and the Content-Security-Policy. Each answer must be a
// French 4xx (or the precise 503 of an outage), never a 500.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { deposits } from '../../db/schema/invoices.ts';
import { createApp } from '../../src/app.ts';
import { createApiClient, createPerson, issueClientToken, type Role } from '../../src/platform/auth/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { testParties, ublInvoice, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
let deps: AppDeps;
let app: ReturnType<typeof createApp>;
let p: Awaited<ReturnType<typeof testParties>>;
const tokens: Record<string, string> = {};

async function bearer(role: Role, structureId: string): Promise<string> {
  const clientId = `edge-${role}-${randomUUID().slice(0, 8)}`;
  await createApiClient(deps, {
    clientId,
    clientSecret: 'secret-de-test',
    name: clientId,
    structureId,
    grants: [{ role, structureId }],
  });
  return (await issueClientToken(deps, { clientId, clientSecret: 'secret-de-test' })).access_token;
}

beforeAll(async () => {
  deps = testDeps(t.handle);
  app = createApp(deps);
  p = await testParties(t.handle.db);
  tokens.armor = await bearer('supplier', p.armor.id);
  tokens.lorient = await bearer('accountant', p.lorient.id);
  tokens.operator = await bearer('operator', p.lorient.id);
}, 60_000);

const FRENCH = /[éèàçù]|\b(le|la|les|des|du|est|une?)\b/i;

async function expectFrenchRefusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { code: string; message: string };
  expect(body.code).toBe(code);
  expect(body.message).toMatch(FRENCH);
  return body;
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const json = (body: unknown, token?: string) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe('control characters', () => {
  it('a NUL in the login JSON, the token form and the login page form: 400 naming the field, not 500', async () => {
    const login = await app.request('/auth/login', json({ email: 'a\u0000@x.fr', password: 'x' }));
    expect((await expectFrenchRefusal(login, 400, 'FORBIDDEN_CHARACTER')).message).toContain('« email »');
    const token = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'client_credentials', client_id: 'hub\u0000', client_secret: 's' }),
    );
    expect((await expectFrenchRefusal(token, 400, 'FORBIDDEN_CHARACTER')).message).toContain('« client_id »');
    const page = await app.request('/connexion', form({ email: 'x@y.fr', password: 'mot\u0000de passe' }));
    expect((await expectFrenchRefusal(page, 400, 'FORBIDDEN_CHARACTER')).message).toContain('« password »');
  });

  it('refuses DEL and lone surrogates too, in nested JSON fields, queries and paths', async () => {
    const del = await app.request('/auth/login', json({ email: 'x@y.fr', password: 'a\u007fb' }));
    expect((await expectFrenchRefusal(del, 400, 'FORBIDDEN_CHARACTER')).message).toContain('U+007F');
    const surrogate = await app.request('/api/invoices/x/decisions', {
      ...json({ kind: 'SUSPENDUE', motive: { deep: ['ok', 'demi \ud800 caractère'] } }, tokens.lorient),
    });
    expect((await expectFrenchRefusal(surrogate, 400, 'FORBIDDEN_CHARACTER')).message).toContain('« motive.deep[1] »');
    const query = await app.request('/api/directory/structures?q=Rennes%00');
    expect((await expectFrenchRefusal(query, 400, 'FORBIDDEN_CHARACTER')).message).toContain('« q »');
    const path = await app.request('/api/directory/structures/abc%00def');
    await expectFrenchRefusal(path, 400, 'FORBIDDEN_CHARACTER');
    // Line breaks stay allowed in texts that may span lines.
    const multiline = await app.request('/auth/login', json({ email: 'x@y.fr', password: 'ligne 1\r\nligne 2\t.' }));
    expect(multiline.status).toBe(401);
  });

  it('the Chorus mirror answers a NUL in a traiter/recue motif as Chorus does: 400, codeRetour, libellé', async () => {
    const res = await app.request(
      '/cpro/factures/v1/traiter/recue',
      json({ identifiantFactureCPP: 1, nouveauStatut: 'SUSPENDUE', motif: 'pièce\u0000 manquante' }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { codeRetour: number; libelle: string };
    expect(body.codeRetour).toBe(20001);
    expect(body.libelle).toContain('« motif »');
  });
});

describe('body size', () => {
  const big = (n: number) => 'x'.repeat(n);

  it('limits the routes reached before authentication, with a French 413', async () => {
    const cases: [string, number][] = [
      ['/connexion', 100_000],
      ['/auth/login', 100_000],
      ['/api/oauth/token', 100_000],
      ['/cpro/factures/v1/traiter/recue', 2 * 1024 * 1024],
      ['/api/invoices/x/decisions', 2 * 1024 * 1024],
    ];
    for (const [path, size] of cases) {
      const res = await app.request(path, json({ email: big(size) }));
      expect(res.status).toBe(413);
      const text = await res.text();
      expect(text).toMatch(/dépasse la taille autorisée/);
    }
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = new Uint8Array(64 * 1024).fill(0x61);
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    await expectFrenchRefusal(res, 413, 'PAYLOAD_TOO_LARGE');
    // 16 KB allowed: the stream was read a few chunks ahead at most, never to the end (it has none).
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it('a 3 MB decision motive is refused by size (413), not a 503', async () => {
    const res = await app.request(
      `/api/invoices/${randomUUID()}/decisions`,
      json({ kind: 'SUSPENDUE', motive: big(3 * 1024 * 1024) }, tokens.lorient),
    );
    await expectFrenchRefusal(res, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('HTTP layer refusals in French', () => {
  it('an unsupported media type is « type de contenu non pris en charge »', async () => {
    const res = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'email=x',
    });
    const body = await expectFrenchRefusal(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(body.message).toMatch(/^Type de contenu non pris en charge/);
    expect(JSON.stringify(body)).not.toMatch(/Unsupported Media Type/);
  });

  it('malformed JSON is a French 400', async () => {
    const res = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email":',
    });
    await expectFrenchRefusal(res, 400, 'INVALID_JSON');
  });

  it('an impossible day in a filter (2026-02-30) is a 400, not a 500', async () => {
    const res = await app.request('/api/invoices?issueDateFrom=2026-02-30', {
      headers: { Authorization: `Bearer ${tokens.armor}` },
    });
    await expectFrenchRefusal(res, 400, 'INVALID_INPUT');
  });
});

describe('deposits', () => {
  const deposit = (xml: string) =>
    app.request('/api/invoices', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.armor}`, 'Content-Type': 'application/xml' },
      body: xml,
    });

  it('an amount of 10^17 or more is a French refusal and the attempt is recorded', async () => {
    const number = uniqueInvoiceNumber('HUGE');
    const res = await deposit(
      ublInvoice({
        supplierSiret: p.armor.siret,
        supplierName: p.armor.name,
        buyerSiret: p.lorient.siret,
        number,
        lineAmounts: ['100000000000000000.00'],
      }),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; depositId: string };
    expect(body.code).toBe('AMOUNT_OUT_OF_RANGE');
    expect(body.message).toMatch(/\(BT-1\d\d\).*10\^17/);
    const [row] = await t.handle.db
      .select({ outcome: deposits.outcome, refusalCode: deposits.refusalCode })
      .from(deposits)
      .where(eq(deposits.id, body.depositId));
    expect(row).toEqual({ outcome: 'refused', refusalCode: 'AMOUNT_OUT_OF_RANGE' });
  });

  it('a re-sent invoice already stored gets 409 with the id of the invoice already deposited', async () => {
    const xml = ublInvoice({
      supplierSiret: p.armor.siret,
      supplierName: p.armor.name,
      buyerSiret: p.lorient.siret,
      number: uniqueInvoiceNumber('AGAIN'),
    });
    const first = await deposit(xml);
    expect(first.status).toBe(201);
    const { invoiceId } = (await first.json()) as { invoiceId: string };
    const again = await deposit(xml);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'DUPLICATE_INVOICE', existingInvoiceId: invoiceId });
  });
});

describe('the public directory', () => {
  it('lists public recipients only to anonymous callers; the operator sees the companies', async () => {
    const anonymous = (await (await app.request('/api/directory/structures?kind=supplier')).json()) as {
      total: number;
    };
    expect(anonymous.total).toBe(0);
    const byName = (await (
      await app.request(`/api/directory/structures?q=${encodeURIComponent(p.armor.siret)}`)
    ).json()) as { total: number };
    expect(byName.total).toBe(0);
    expect((await app.request(`/api/directory/structures/${p.armor.id}`)).status).toBe(404);
    expect((await app.request(`/api/directory/structures/${p.lorient.id}`)).status).toBe(200);
    const operator = (await (
      await app.request('/api/directory/structures?kind=supplier', {
        headers: { Authorization: `Bearer ${tokens.operator}` },
      })
    ).json()) as { total: number };
    expect(operator.total).toBeGreaterThan(0);
  });
});

describe('database outage', () => {
  it('/healthz with a session cookie answers the health report without waiting on the database', async () => {
    const down = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nowhere' });
    try {
      const outage = createApp({ ...deps, db: down.db, pingDb: () => down.ping() });
      const res = await outage.request('/healthz', { headers: { cookie: `hub_session=${'a'.repeat(43)}` } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'degraded', db: 'down', temporal: 'down' });
      // Every other route says so with the one outage code.
      const page = await outage.request('/api/invoices', { headers: { cookie: `hub_session=${'a'.repeat(43)}` } });
      await expectFrenchRefusal(page, 503, 'DATABASE_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });
});

describe('pages and sessions', () => {
  it('pages carry a Content-Security-Policy without inline script or style', async () => {
    for (const path of ['/connexion', '/api/docs']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const policy = res.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style/);
    }
  });

  it('POST /auth/logout with a session cookie needs its CSRF token', async () => {
    const email = `edge-${randomUUID().slice(0, 8)}@test.hub.bzh`;
    await createPerson(deps, { email, displayName: 'Edge', password: 'Mot-de-passe-2026', grants: [] });
    const login = await app.request('/auth/login', json({ email, password: 'Mot-de-passe-2026' }));
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const forged = await app.request('/auth/logout', { method: 'POST', headers: { cookie } });
    await expectFrenchRefusal(forged, 403, 'CSRF_REJECTED');
    const out = await app.request('/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
  });
});
