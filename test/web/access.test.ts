// Who may open which page, over HTTP: login redirects, role checks, CSRF on forms, 404 for invoices not visible.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from './page-client.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  app = createApp(testDeps(t.handle));
  app.route('/', portalRoutes);
});

describe('portal access', () => {
  it('sends anonymous visitors to the login page, keeping where they were going', async () => {
    for (const path of ['/', '/factures', '/a-traiter?statut=toutes', `/factures/${randomUUID()}`, '/notifications']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/connexion?next=${encodeURIComponent(path)}`);
    }
  });

  it('serves the login page in the shared layout, with the stylesheet', async () => {
    const html = await (await app.request('/connexion')).text();
    expect(html).toContain('<title>Connexion – Hub e-administration Bretagne</title>');
    expect(html).toContain('<a class="skip-link" href="#contenu">Aller au contenu</a>');
    const css = await app.request('/static/hub.css');
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect(await css.text()).toContain(':focus-visible');
    expect(
      (await app.request('/static/hub.css', { headers: { 'if-none-match': css.headers.get('etag')! } })).status,
    ).toBe(304);
    expect((await app.request('/static/secret.txt')).status).toBe(404);
  });

  it('shows each person the navigation of their roles and refuses pages of other roles', async () => {
    const supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    const home = await supplier.get('/');
    expect(home.html).toContain('<p class="who-name">Armor Bureautique</p>');
    expect(home.html).toContain('href="/factures/deposer"');
    expect(home.html).not.toContain('href="/a-traiter"');
    const inbox = await supplier.get('/a-traiter');
    expect(inbox.status).toBe(403);
    expect(inbox.html).toContain(
      'Cette page est réservée aux comptables des collectivités et aux agents des collectivités.',
    );

    const accountant = await PageClient.logIn(app, 'comptable.langouet@demo.hub.bzh', 'Demo-Comptable-Langouet-2026');
    expect((await accountant.get('/a-traiter')).status).toBe(200);
    expect((await accountant.get('/factures')).status).toBe(403);
    expect((await accountant.get('/factures/deposer')).status).toBe(403);
    expect((await accountant.get('/annuaire')).status).toBe(403);
  });

  it('answers 404 in French HTML for an invoice that does not exist or is not visible', async () => {
    const supplier = await PageClient.logIn(app, 'fournisseur.breizh@demo.hub.bzh', 'Demo-Breizh-2026');
    for (const path of [`/factures/${randomUUID()}`, '/factures/pas-un-id', `/factures/${randomUUID()}/pdf`]) {
      const page = await supplier.get(path);
      expect(page.status, path).toBe(404);
      expect(page.res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.html).toContain('<h1>Page introuvable</h1>');
    }
  });

  it('refuses forms posted without the session’s CSRF token', async () => {
    const supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    await supplier.get('/factures/deposer');
    const form = new FormData();
    form.append('file', new File(['<Invoice/>'], 'f.xml', { type: 'application/xml' }));
    const res = await app.request('/factures/deposer', {
      method: 'POST',
      headers: { cookie: supplier.jar.header() },
      body: form,
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Le formulaire a expiré ou ne provient pas de ce site.');
    const decision = await supplier.post(
      `/factures/${randomUUID()}/decision`,
      { kind: 'SERVICE_FAIT' },
      { csrf: false },
    );
    expect(decision.status).toBe(403);
  });

  it('stops a file over the deposit limit with a French page (413)', async () => {
    const small = createApp({ ...testDeps(t.handle), invoices: { maxDepositBytes: 1024 * 1024 } } as Parameters<
      typeof createApp
    >[0]);
    small.route('/', portalRoutes);
    const supplier = await PageClient.logIn(small, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    await supplier.get('/factures/deposer');
    const form = new FormData();
    form.append('_csrf', supplier.csrf);
    form.append('file', new File([new Uint8Array(2 * 1024 * 1024)], 'enorme.xml', { type: 'application/xml' }));
    const res = await small.request('/factures/deposer', {
      method: 'POST',
      headers: { cookie: supplier.jar.header() },
      body: form,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Le fichier dépasse la taille maximale d’une facture déposée (1 Mo).');
  });

  it('reports a deposit without a file in French, keeping the form', async () => {
    const supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    await supplier.get('/factures/deposer');
    const form = new FormData();
    form.append('_csrf', supplier.csrf);
    const res = await app.request('/factures/deposer', {
      method: 'POST',
      headers: { cookie: supplier.jar.header() },
      body: form,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Choisissez le fichier de la facture (XML ou PDF).');
    expect(html).toContain('<title>Erreur – Déposer une facture – Hub e-administration Bretagne</title>');
  });
});
