// The operator creates people and API clients from pages: grants resolved from SIRET/SIREN, the generated password
// or secret shown once and usable, French messages naming the field, CSRF, operator only, an audit row each.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../db/schema/audit.ts';
import { apiClientGrants, apiClients, people, roleGrants } from '../../../db/schema/auth.ts';
import { PageClient } from '../../../test/web/page-client.ts';
import { personActing } from '../../../test/helpers/invoices.ts';
import { testDeps } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { createApp } from '../../app.ts';
import { CHU_RENNES, findStructureBySiren } from '../../directory/index.ts';
import { registerPerson } from '../../platform/auth/index.ts';
import { portalRoutes } from '../../portal/routes.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let operator: PageClient;
let chuId: string;
const SECRET = /<code class="secret">([^<]+)<\/code>/;

beforeAll(async () => {
  app = createApp(testDeps(t.handle));
  app.route('/', portalRoutes);
  operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
  chuId = (await findStructureBySiren(t.handle.db, CHU_RENNES.siren))!.id;
});

describe('people page', () => {
  it('creates a person with grants from a SIREN, shows the password once, and the person can log in', async () => {
    const list = await operator.get('/comptes/personnes');
    expect(list.status).toBe(200);
    expect(list.html).toContain('operateur@demo.hub.bzh');
    const res = await operator.post('/comptes/personnes', {
      email: 'Comptable.CHU@demo.hub.bzh',
      displayName: 'Comptable du CHU',
      role: ['accountant', 'agent', ''],
      structure: ['263 500 076', '26350007600017', ''],
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const password = SECRET.exec(html)?.[1];
    expect(password).toMatch(/^[a-z2-9Z]{5}(-[a-z2-9Z]{5}){3}$/);
    expect(html).toContain('Comptable – Centre hospitalier universitaire de Rennes');
    const [person] = await t.handle.db.select().from(people).where(eq(people.email, 'Comptable.CHU@demo.hub.bzh'));
    expect(person?.passwordHash).not.toContain(password!);
    const grants = await t.handle.db.select().from(roleGrants).where(eq(roleGrants.personId, person!.id));
    expect(grants.map((g) => [g.role, g.structureId]).sort()).toEqual([
      ['accountant', chuId],
      ['agent', chuId],
    ]);
    const [audit] = await t.handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, person!.id));
    expect(audit).toMatchObject({
      action: 'person.create',
      subjectType: 'person',
      actorKind: 'person',
      structureId: chuId,
    });
    expect(JSON.stringify(audit?.after)).not.toContain(password!);
    // Shown once: the list page never shows it again.
    expect((await operator.get('/comptes/personnes')).html).not.toContain(password!);
    const accountant = await PageClient.logIn(app, 'comptable.chu@demo.hub.bzh', password!);
    expect((await accountant.get('/a-traiter')).status).toBe(200);
  });

  it('refuses a taken e-mail, a bad e-mail, no grant and an unknown structure, naming the field', async () => {
    await operator.get('/comptes/personnes');
    const cases: [Record<string, string | string[]>, string, string][] = [
      [
        { email: 'operateur@demo.hub.bzh', displayName: 'X', role: 'agent', structure: CHU_RENNES.siren },
        'email',
        'Une personne a déjà l’adresse électronique operateur@demo.hub.bzh.',
      ],
      [
        { email: 'pas-une-adresse', displayName: 'X', role: 'agent', structure: CHU_RENNES.siren },
        'email',
        'n’est pas valide',
      ],
      [{ email: 'a@b.fr', displayName: 'X' }, 'grants', 'Indiquez au moins un rôle'],
      [
        { email: 'a@b.fr', displayName: 'X', role: ['agent', 'agent'], structure: [CHU_RENNES.siren, '123456782'] },
        'grant-2',
        'Rôle n° 2 : aucune structure de l’annuaire n’a le SIRET ou le SIREN « 123456782 ».',
      ],
      [
        { email: 'a@b.fr', displayName: ' ', role: 'agent', structure: CHU_RENNES.siren },
        'displayName',
        'Le nom de la personne est obligatoire',
      ],
    ];
    for (const [fields, field, message] of cases) {
      const res = await operator.post('/comptes/personnes', fields);
      const html = await res.text();
      expect(res.status, field).toBe(400);
      expect(html).toContain(message);
      if (field !== 'grants') expect(html, field).toContain('aria-invalid="true"');
    }
    expect(await t.handle.db.select().from(people).where(eq(people.email, 'a@b.fr'))).toEqual([]);
  });

  it('checks CSRF and is for operators only', async () => {
    await operator.get('/comptes/personnes');
    const body = { email: 'x@y.fr', displayName: 'X', role: 'agent', structure: CHU_RENNES.siren };
    expect((await operator.post('/comptes/personnes', body, { csrf: false })).status).toBe(403);
    const agent = await PageClient.logIn(app, 'agent.rennes@demo.hub.bzh', 'Demo-Agent-Rennes-2026');
    const refused = await agent.get('/comptes/personnes');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Cette page est réservée à l’opérateur du hub.');
    expect((await agent.get('/comptes/clients-api')).status).toBe(403);
    await expect(
      registerPerson({
        ctx: { deps: testDeps(t.handle), actor: personActing('agent', chuId) },
        input: {
          email: 'x@y.fr',
          displayName: 'X',
          grants: [{ role: 'operator', structureId: chuId }],
        },
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await t.handle.db.select().from(people).where(eq(people.email, 'x@y.fr'))).toEqual([]);
  });
});

describe('API clients page', () => {
  it('creates a client whose secret, shown once, obtains a token', async () => {
    await operator.get('/comptes/clients-api');
    const res = await operator.post('/comptes/clients-api', {
      clientId: 'chu-gef',
      name: 'Logiciel financier du CHU',
      role: ['accountant', '', ''],
      structure: [CHU_RENNES.siren, '', ''],
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    const secret = SECRET.exec(html)?.[1];
    expect(secret).toBeTruthy();
    const [client] = await t.handle.db.select().from(apiClients).where(eq(apiClients.clientId, 'chu-gef'));
    expect(client).toMatchObject({ name: 'Logiciel financier du CHU', structureId: chuId });
    const grants = await t.handle.db.select().from(apiClientGrants).where(eq(apiClientGrants.apiClientId, client!.id));
    expect(grants.map((g) => [g.role, g.structureId])).toEqual([['accountant', chuId]]);
    const [audit] = await t.handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, 'chu-gef'));
    expect(audit).toMatchObject({ action: 'api_client.create', subjectType: 'api_client', structureId: chuId });

    const token = await app.request('/api/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'chu-gef',
        client_secret: secret!,
      }).toString(),
    });
    expect(token.status).toBe(200);
    expect(((await token.json()) as { access_token?: string }).access_token).toBeTruthy();

    const again = await operator.post('/comptes/clients-api', {
      clientId: 'chu-gef',
      name: 'Doublon',
      role: 'accountant',
      structure: CHU_RENNES.siren,
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Un client API porte déjà l’identifiant chu-gef.');
    const bad = await operator.post('/comptes/clients-api', {
      clientId: 'Pas Bon',
      name: 'X',
      role: 'accountant',
      structure: CHU_RENNES.siren,
    });
    expect(await bad.text()).toContain('L’identifiant client « Pas Bon » doit compter de 3 à 64 minuscules');
  });
});
