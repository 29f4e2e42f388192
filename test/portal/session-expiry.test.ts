// Over HTTP: a form posted after its session expired is kept and sent again after login, for its own person only;
// a forged post is not kept; the login page says why the person is there; failures are HTML to browsers, JSON to
// API clients (404, 405 with Allow, 500).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema/auth.ts';
import { createApp } from '../../src/app.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE } from '../../src/directory/index.ts';
import { findPersonByEmail } from '../../src/platform/auth/index.ts';
import { readJson } from '../helpers/auth-test-support.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
const OPERATOR = { email: 'operateur@demo.hub.bzh', password: 'Demo-Operateur-2026' };
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

beforeAll(() => {
  app = createApp(testDeps(t.handle));
  // A handler with a bug, to see the answer to an unexpected failure.
  app.get('/essai/panne', () => {
    throw new Error('unexpected failure');
  });
});

/** Ends every open session of a person as 12 idle hours would. */
async function expireSessionsOf(email: string): Promise<void> {
  const person = await findPersonByEmail({ db: t.handle.db }, email);
  await t.handle.db
    .update(sessions)
    .set({ expiresAt: new Date(Date.now() - 60_000) })
    .where(eq(sessions.personId, person!.id));
}

async function logInAgain(client: PageClient, who: { email: string; password: string }): Promise<void> {
  const res = await app.request('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: client.jar.header() },
    body: JSON.stringify(who),
  });
  expect(res.status).toBe(200);
  client.jar.store(res);
}

describe('a form posted after the session expired', () => {
  it('is kept, announced on the login page, and sent again after login', async () => {
    const operator = await PageClient.logIn(app, OPERATOR.email, OPERATOR.password);
    const page = await operator.get('/comptes/personnes');
    expect(page.status).toBe(200);
    await expireSessionsOf(OPERATOR.email);

    const email = `reprise-${Date.now()}@test.hub.bzh`;
    const posted = await operator.post('/comptes/personnes', {
      email,
      displayName: 'Personne saisie avant l’expiration',
      role: 'supplier',
      structure: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren,
    });
    expect(posted.status).toBe(303);
    const location = new URL(posted.headers.get('location')!, 'http://hub');
    expect(location.pathname).toBe('/connexion');
    expect(location.searchParams.get('session')).toBe('expiree');
    const next = location.searchParams.get('next')!;
    expect(next).toMatch(/^\/reprise\/[A-Za-z0-9_-]{43}$/);

    const login = await operator.get(location.pathname + location.search);
    expect(login.html).toContain('Votre session a expiré. Ce que vous aviez saisi est conservé');
    expect(login.html).toContain(`name="next" value="${next}"`);

    // Someone else logging in with the link gets nothing.
    const other = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    const refused = await other.get(next);
    expect(refused.status).toBe(404);

    await logInAgain(operator, OPERATOR);
    const replay = await operator.get(next);
    expect(replay.status).toBe(200);
    expect(replay.html).toContain('Votre session a expiré avant l’envoi de votre formulaire.');
    expect(replay.html).toContain('action="/comptes/personnes"');
    expect(replay.html).toContain(`<input type="hidden" name="email" value="${email}"/>`);
    expect(replay.html).toContain('Personne saisie avant l’expiration');
    // The new session's CSRF token, not the expired one.
    const fields = Object.fromEntries(
      [...replay.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]),
    );
    expect(fields._csrf).toBe(operator.csrf);
    const { _csrf, ...kept } = fields;
    expect(_csrf).toBeTruthy();
    const sent = await operator.post('/comptes/personnes', kept as Record<string, string>);
    // The operator's form answers as it would have: the person, created, with its one-time password.
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain(`${email} est créé.`);
    expect(await findPersonByEmail({ db: t.handle.db }, email)).toBeDefined();

    // Single use.
    expect((await operator.get(next)).status).toBe(404);
  });

  it('is not kept when forged (CSRF token not the session’s), and the login page still says why', async () => {
    const operator = await PageClient.logIn(app, OPERATOR.email, OPERATOR.password);
    await operator.get('/comptes/personnes');
    await expireSessionsOf(OPERATOR.email);
    const forged = await operator.post(
      '/comptes/personnes',
      { email: 'x@y.fr', displayName: 'X', _csrf: 'a'.repeat(43) },
      { csrf: false },
    );
    expect(forged.status).toBe(303);
    const location = new URL(forged.headers.get('location')!, 'http://hub');
    expect(location.searchParams.get('next')).toBe('/');
    expect(location.searchParams.get('session')).toBe('expiree');
    expect((await operator.get(location.pathname + location.search)).html).toContain(
      'Votre session a expiré. Reconnectez-vous pour continuer.',
    );
  });

  it('after logout, the login page says so', async () => {
    const operator = await PageClient.logIn(app, OPERATOR.email, OPERATOR.password);
    await operator.get('/');
    const out = await operator.post('/deconnexion', {});
    expect(out.headers.get('location')).toBe('/connexion?session=fermee');
    expect((await operator.get('/connexion?session=fermee')).html).toContain('Vous êtes déconnecté.');
  });
});

describe('failures answer HTML to browsers and JSON to API clients', () => {
  it('unknown path: 404', async () => {
    const page = await app.request('/factures-inconnues/x', { headers: HTML });
    expect([page.status, page.headers.get('content-type')]).toEqual([404, 'text/html; charset=UTF-8']);
    const html = await page.text();
    expect(html).toContain('<h1>Page introuvable</h1>');
    expect(html).toContain('<html lang="fr">');
    const api = await app.request('/factures-inconnues/x', { headers: { accept: 'application/json' } });
    expect([api.status, (await readJson(api)).code]).toEqual([404, 'NOT_FOUND']);
    expect((await app.request('/api/rien', { headers: { accept: '*/*' } })).headers.get('content-type')).toContain(
      'application/json',
    );
  });

  it('known path, other method: 405 with Allow', async () => {
    const page = await app.request('/auth/login', { headers: HTML });
    expect(page.status).toBe(405);
    expect(page.headers.get('allow')).toBe('POST');
    expect(await page.text()).toContain('n’accepte pas la méthode GET');
    const api = await app.request('/connexion', { method: 'DELETE' });
    expect(api.status).toBe(405);
    expect(api.headers.get('allow')).toBe('GET, POST, HEAD');
    expect(await readJson(api)).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      details: { allowed: ['GET', 'POST', 'HEAD'] },
    });
  });

  it('unexpected failure: 500, with the request id and no trace', async () => {
    const page = await app.request('/essai/panne', { headers: HTML });
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toContain('<h1>Erreur du service</h1>');
    expect(html).toContain(`Identifiant de requête : ${page.headers.get('x-request-id')}`);
    expect(html).not.toContain('unexpected failure');
    const api = await app.request('/essai/panne');
    expect([api.status, (await readJson(api)).code]).toEqual([500, 'INTERNAL_ERROR']);
  });
});
