import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { csrfField, verifyCsrf } from './csrf.tsx';
import { safeNext } from './pages.tsx';
import { createPerson } from './people.ts';
import { buildTestApp, CookieJar, readJson, testDeps } from '../../../test/helpers/auth-test-support.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
let app: ReturnType<typeof buildTestApp>;

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

function post(path: string, jar: CookieJar, fields: Record<string, string>) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams(fields).toString(),
  });
}

async function loginPage(jar: CookieJar, query = ''): Promise<string> {
  const res = await app.request(`/connexion${query}`, { headers: { cookie: jar.header() } });
  jar.store(res);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  const deps = testDeps(t.handle.db, clock);
  app = buildTestApp(deps);
  app.get('/formulaire', (c) => c.html(<form method="post">{csrfField(c)}</form>));
  app.post('/formulaire', async (c) => {
    verifyCsrf(c, (await c.req.parseBody())._csrf);
    return c.text('enregistré');
  });
  await createPerson(deps, { email: 'page@test.example', displayName: 'Page', password: 'Page-Connexion-1' });
});

describe('GET /connexion', () => {
  it('renders a French, labelled form with a CSRF token bound to a pre-session cookie', async () => {
    const jar = new CookieJar();
    const html = await loginPage(jar);
    expect(html.startsWith('<!DOCTYPE html><html lang="fr">')).toBe(true);
    expect(html).toContain('<label for="email">Adresse électronique</label>');
    expect(html).toContain('<label for="password">Mot de passe</label>');
    expect(html).toMatch(
      /<input id="email" name="email" type="email" autocomplete="username" required="" value="" autofocus=""/,
    );
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain('role="alert"');
    expect(csrfIn(html)).toBe(jar.get('hub_csrf'));
  });

  it('keeps the same token across page loads', async () => {
    const jar = new CookieJar();
    const first = csrfIn(await loginPage(jar));
    expect(csrfIn(await loginPage(jar))).toBe(first);
  });
});

describe('POST /connexion', () => {
  it('refuses a post without the CSRF token (403, French message), even with the right password', async () => {
    const jar = new CookieJar();
    await loginPage(jar);
    const res = await post('/connexion', jar, { email: 'page@test.example', password: 'Page-Connexion-1' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Le formulaire a expiré ou ne provient pas de ce site.');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('hub_session='))).toBe(false);
  });

  it('refuses a token that does not match the cookie (another visitor’s token)', async () => {
    const mine = new CookieJar();
    await loginPage(mine);
    const theirs = csrfIn(await loginPage(new CookieJar()))!;
    const res = await post('/connexion', mine, {
      _csrf: theirs,
      email: 'page@test.example',
      password: 'Page-Connexion-1',
    });
    expect(res.status).toBe(403);
  });

  it('shows the French error, keeps the email and moves focus to the password on wrong credentials', async () => {
    const jar = new CookieJar();
    const token = csrfIn(await loginPage(jar))!;
    const res = await post('/connexion', jar, { _csrf: token, email: 'page@test.example', password: 'faux' });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('<p>Identifiant ou mot de passe incorrect.</p>');
    expect(html).toContain('value="page@test.example"');
    expect(html).toMatch(/id="password"[^>]*autofocus=""/);
    expect(html).toMatch(/id="email"[^>]*aria-invalid="true"/);
  });

  it('asks for both fields when one is empty', async () => {
    const jar = new CookieJar();
    const token = csrfIn(await loginPage(jar))!;
    const res = await post('/connexion', jar, { _csrf: token, email: 'page@test.example', password: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Saisissez votre adresse électronique et votre mot de passe.');
  });

  it('opens a session and redirects to / (or to a local `next`) on success', async () => {
    const jar = new CookieJar();
    const token = csrfIn(await loginPage(jar))!;
    const res = await post('/connexion', jar, {
      _csrf: token,
      email: 'PAGE@test.example',
      password: 'Page-Connexion-1',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    jar.store(res);
    expect(jar.get('hub_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jar.get('hub_csrf')).toBeUndefined();

    const me = await app.request('/auth/me', { headers: { cookie: jar.header() } });
    expect((await readJson(me)).person.email).toBe('page@test.example');

    // Logged in, the login page sends the person on.
    const again = await app.request('/connexion?next=/factures', { headers: { cookie: jar.header() } });
    expect([again.status, again.headers.get('location')]).toEqual([303, '/factures']);

    const other = new CookieJar();
    const token2 = csrfIn(await loginPage(other, '?next=/factures'))!;
    const next = await post('/connexion', other, {
      _csrf: token2,
      email: 'page@test.example',
      password: 'Page-Connexion-1',
      next: '/factures',
    });
    expect(next.headers.get('location')).toBe('/factures');
  });

  it('never redirects off-site', () => {
    expect(safeNext('/factures?statut=DEPOSEE')).toBe('/factures?statut=DEPOSEE');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'factures', undefined, '/é'])
      expect(safeNext(bad)).toBe('/');
  });
});

describe('CSRF on logged-in forms, and /deconnexion', () => {
  it('binds the token to the session: the session’s token passes, a pre-session token does not', async () => {
    const jar = new CookieJar();
    const token = csrfIn(await loginPage(jar))!;
    jar.store(
      await post('/connexion', jar, { _csrf: token, email: 'page@test.example', password: 'Page-Connexion-1' }),
    );

    const page = await app.request('/formulaire', { headers: { cookie: jar.header() } });
    const sessionToken = csrfIn(await page.text())!;
    expect(sessionToken).not.toBe(token);
    expect(page.headers.getSetCookie()).toEqual([]);

    expect((await post('/formulaire', jar, { _csrf: sessionToken })).status).toBe(200);
    expect((await post('/formulaire', jar, {})).status).toBe(403);
    const stale = await post('/formulaire', jar, { _csrf: token });
    expect(stale.status).toBe(403);
    expect((await readJson(stale)).code).toBe('CSRF_REJECTED');

    const out = await post('/deconnexion', jar, { _csrf: sessionToken });
    expect([out.status, out.headers.get('location')]).toEqual([303, '/connexion?session=fermee']);
    jar.store(out);
    expect((await app.request('/auth/me', { headers: { cookie: jar.header() } })).status).toBe(401);
  });

  it('refuses /deconnexion without the token', async () => {
    const jar = new CookieJar();
    const token = csrfIn(await loginPage(jar))!;
    jar.store(
      await post('/connexion', jar, { _csrf: token, email: 'page@test.example', password: 'Page-Connexion-1' }),
    );
    expect((await post('/deconnexion', jar, {})).status).toBe(403);
    expect((await app.request('/auth/me', { headers: { cookie: jar.header() } })).status).toBe(200);
  });
});
