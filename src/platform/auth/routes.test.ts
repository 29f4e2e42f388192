import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { structures } from '../../../db/schema/directory.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { createApiClient } from './api-clients.ts';
import { createPerson } from './people.ts';
import { buildTestApp, ensureDirectory, readJson, testDeps } from '../../../test/helpers/auth-test-support.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
let app: ReturnType<typeof buildTestApp>;
let rennesId: string;
let supplierId: string;

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('hub_session='));

beforeAll(async () => {
  const deps = testDeps(t.handle.db, clock);
  app = buildTestApp(deps);
  await ensureDirectory(t.handle.db);
  const select = (siren: string) =>
    t.handle.db.select({ id: structures.id }).from(structures).where(eq(structures.siren, siren));
  rennesId = (await select('213502388'))[0]!.id;
  const [supplier] = await t.handle.db
    .select({ id: structures.id })
    .from(structures)
    .where(eq(structures.kind, 'supplier'))
    .limit(1);
  supplierId = supplier!.id;
  await createPerson(deps, {
    email: 'agent@rennes.example',
    displayName: 'Agent Rennes',
    password: 'Agent-Rennes-1',
    grants: [{ role: 'agent', structureId: rennesId }],
  });
  await createApiClient(deps, {
    clientId: 'editeur',
    clientSecret: 'secret de l’éditeur',
    name: 'Éditeur',
    structureId: supplierId,
    grants: [{ role: 'supplier', structureId: supplierId }],
  });
});

describe('POST /auth/login, GET /auth/me, POST /auth/logout', () => {
  it('sets an HttpOnly, SameSite=Lax, Secure session cookie and answers the person and grants', async () => {
    const res = await app.request('/auth/login', json({ email: 'agent@rennes.example', password: 'Agent-Rennes-1' }));
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toMatchObject({
      person: { email: 'agent@rennes.example', displayName: 'Agent Rennes' },
      grants: [{ role: 'agent', structureId: rennesId }],
    });
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');

    const session = cookie!.split(';')[0]!;
    const me = await app.request('/auth/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(await readJson(me)).toEqual(body);

    const forged = await app.request('/auth/logout', { method: 'POST', headers: { cookie: session } });
    expect(forged.status).toBe(403);
    expect(await readJson(forged)).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await app.request('/auth/me', { headers: { cookie: session } })).status).toBe(200);
    const out = await app.request('/auth/logout', {
      method: 'POST',
      headers: { cookie: session, 'x-csrf-token': String(body.csrfToken) },
    });
    expect(out.status).toBe(204);
    expect(sessionCookieOf(out)).toMatch(/Max-Age=0/);
    const after = await app.request('/auth/me', { headers: { cookie: session } });
    expect(after.status).toBe(401);
    expect(await readJson(after)).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'req-test' });
  });

  it('leaves out Secure when the hub is served over plain HTTP', async () => {
    const plain = buildTestApp(testDeps(t.handle.db, clock, false));
    const res = await plain.request('/auth/login', json({ email: 'agent@rennes.example', password: 'Agent-Rennes-1' }));
    expect(sessionCookieOf(res)).not.toContain('Secure');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const wrong = await app.request('/auth/login', json({ email: 'agent@rennes.example', password: 'faux' }));
    const unknown = await app.request('/auth/login', json({ email: 'qui@rennes.example', password: 'faux' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await readJson(wrong), await readJson(unknown)];
    expect(a).toEqual(b);
    expect(a).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Identifiant ou mot de passe incorrect.',
      requestId: 'req-test',
    });
    expect(sessionCookieOf(wrong)).toBeUndefined();
  });

  it('answers 429 with Retry-After once the email is throttled', async () => {
    for (let i = 0; i < 10; i += 1)
      await app.request('/auth/login', json({ email: 'bloque@rennes.example', password: 'faux' }));
    const res = await app.request('/auth/login', json({ email: 'bloque@rennes.example', password: 'faux' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await readJson(res)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 30 } });
  });

  it('refuses a body without the password', async () => {
    const res = await app.request('/auth/login', json({ email: 'agent@rennes.example' }));
    expect(res.status).toBe(400);
    expect(await readJson(res)).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('treats an unknown session cookie as anonymous and clears it', async () => {
    const res = await app.request('/auth/me', { headers: { cookie: 'hub_session=inconnu' } });
    expect(res.status).toBe(401);
    expect(sessionCookieOf(res)).toMatch(/Max-Age=0/);
  });
});

describe('POST /api/oauth/token', () => {
  const CREDS = { client_id: 'editeur', client_secret: 'secret de l’éditeur' };

  it('issues a bearer token for credentials in the form body, usable on the API', async () => {
    const res = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'client_credentials', ...CREDS, scope: 'openid' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = await readJson(res);
    expect(token).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid',
    });

    const me = await app.request('/auth/me', { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(me.status).toBe(200);
    expect(await readJson(me)).toEqual({
      client: { clientId: 'editeur' },
      grants: [{ role: 'supplier', structureId: supplierId }],
      scopes: ['openid'],
    });
  });

  it('accepts HTTP Basic client authentication', async () => {
    const res = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'client_credentials' }, { authorization: basic(CREDS.client_id, CREDS.client_secret) }),
    );
    expect(res.status).toBe(200);
    expect((await readJson(res)).token_type).toBe('Bearer');
  });

  it('answers invalid_client: 400 for body credentials (as PISTE), 401 with WWW-Authenticate for Basic', async () => {
    const body = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'client_credentials', client_id: 'editeur', client_secret: 'faux' }),
    );
    expect(body.status).toBe(400);
    expect(await readJson(body)).toEqual({
      error: 'invalid_client',
      error_description: 'Client inconnu, inactif ou secret incorrect.',
    });

    const viaBasic = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'client_credentials' }, { authorization: basic('editeur', 'faux') }),
    );
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.headers.get('www-authenticate')).toBe('Basic realm="hub"');
    expect((await readJson(viaBasic)).error).toBe('invalid_client');
  });

  it('answers unsupported_grant_type, invalid_request and invalid_scope', async () => {
    const password = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'password', username: 'x', password: 'y' }),
    );
    expect(password.status).toBe(400);
    expect((await readJson(password)).error).toBe('unsupported_grant_type');

    const noGrant = await app.request('/api/oauth/token', form(CREDS));
    expect(noGrant.status).toBe(400);
    expect((await readJson(noGrant)).error).toBe('invalid_request');

    const twoMethods = await app.request(
      '/api/oauth/token',
      form(
        { grant_type: 'client_credentials', ...CREDS },
        { authorization: basic(CREDS.client_id, CREDS.client_secret) },
      ),
    );
    expect((await readJson(twoMethods)).error).toBe('invalid_request');

    const scope = await app.request(
      '/api/oauth/token',
      form({ grant_type: 'client_credentials', ...CREDS, scope: 'admin' }),
    );
    expect(scope.status).toBe(400);
    expect((await readJson(scope)).error).toBe('invalid_scope');
  });

  it('answers 401 TOKEN_EXPIRED, with WWW-Authenticate, for an expired bearer token', async () => {
    const res = await app.request('/api/oauth/token', form({ grant_type: 'client_credentials', ...CREDS }));
    const { access_token } = await readJson(res);
    clock.advance(3600 * 1000);
    const me = await app.request('/auth/me', { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await readJson(me)).toEqual({
      code: 'TOKEN_EXPIRED',
      message: 'Le jeton d’accès a expiré : demandez-en un nouveau.',
      requestId: 'req-test',
    });

    const unknown = await app.request('/auth/me', { headers: { authorization: 'Bearer inconnu' } });
    expect(unknown.status).toBe(401);
    expect((await readJson(unknown)).code).toBe('INVALID_TOKEN');
  });

  it('appears in the OpenAPI document with the session routes', () => {
    const doc = app.getOpenAPIDocument({ openapi: '3.0.0', info: { title: 'hub', version: '0' } });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      '/api/oauth/token',
      '/auth/login',
      '/auth/logout',
      '/auth/me',
    ]);
    expect(doc.paths?.['/api/oauth/token']?.post?.requestBody).toMatchObject({
      content: { 'application/x-www-form-urlencoded': {} },
    });
  });
});
