// The operator's directory pages over HTTP: search, structure page, edits (CSRF, operator only, change records), EPCIs, CSV.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { services, structures } from '../../../db/schema/directory.ts';
import { PageClient } from '../../../test/web/page-client.ts';
import { testDeps } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { createApp } from '../../app.ts';
import type { AppDeps } from '../../platform/http.ts';
import { createLogger } from '../../platform/logging.ts';
import { portalRoutes } from '../../portal/routes.ts';
import { findStructureBySiren } from '../index.ts';
import { saveService, updateChorusRouting } from '../update-structure.ts';
import { personActing } from '../../../test/helpers/invoices.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let deps: AppDeps;
let operator: PageClient;
let langouetId: string;
const logged: unknown[] = [];

beforeAll(async () => {
  const logger = createLogger('silent');
  logger.info = ((obj: unknown) => void logged.push(obj)) as typeof logger.info;
  deps = testDeps(t.handle, { logger });
  app = createApp(deps);
  app.route('/', portalRoutes);
  operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
  langouetId = (await findStructureBySiren(t.handle.db, '213501463', 'commune'))!.id;
});

describe('directory pages', () => {
  it('finds collectivities by name without accents, by SIREN and by INSEE code', async () => {
    const byName = await operator.get(`/annuaire?q=${encodeURIComponent('LANGOUËT')}`);
    expect(byName.status).toBe(200);
    expect(byName.html).toContain('<title>Annuaire – Hub e-administration Bretagne</title>');
    expect(byName.html).toContain(`<a href="/annuaire/${langouetId}">Langouet</a>`);
    expect((await operator.get('/annuaire?q=213501463')).html).toContain(`/annuaire/${langouetId}`);
    expect((await operator.get('/annuaire?q=35146')).html).toContain(`/annuaire/${langouetId}`);
  });

  it('shows a structure with its services and Chorus flags, and is for operators only', async () => {
    const rennes = (await findStructureBySiren(t.handle.db, '213502388', 'commune'))!;
    const page = await operator.get(`/annuaire/${rennes.id}`);
    expect(page.html).toContain('<h1>Rennes</h1>');
    // Shown without a form to change it; the forms are on the edit page.
    expect(page.html).not.toContain('<form method="post" action="/annuaire/');
    expect(page.html).toContain(`<a class="button" href="/annuaire/${rennes.id}/modifier">Modifier la structure</a>`);
    expect(page.html).toMatch(/<code>FIN<\/code>/);
    const edit = await operator.get(`/annuaire/${rennes.id}/modifier`);
    expect(edit.html).toContain('<h1>Modifier Rennes</h1>');
    expect(edit.html).toMatch(/name="serviceCodeRequired" value="1" checked=""/);
    expect(edit.html).toContain('Libellé du service FIN');
    const accountant = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    const refused = await accountant.get(`/annuaire/${rennes.id}`);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Cette page est réservée à l’opérateur du hub.');
    const anonymous = await app.request('/annuaire');
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/connexion?next=%2Fannuaire']);
    expect((await operator.get('/annuaire/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('edits the Chorus flags with CSRF, and records who changed what', async () => {
    await operator.get(`/annuaire/${langouetId}`);
    const forged = await operator.post(
      `/annuaire/${langouetId}/chorus`,
      { engagementNumberRequired: '1' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    const [untouched] = await t.handle.db.select().from(structures).where(eq(structures.id, langouetId));
    expect(untouched?.engagementNumberRequired).toBe(false);

    const res = await operator.post(`/annuaire/${langouetId}/chorus`, { engagementNumberRequired: '1' });
    expect([res.status, res.headers.get('location')]).toEqual([303, `/annuaire/${langouetId}?fait=regles`]);
    const [row] = await t.handle.db.select().from(structures).where(eq(structures.id, langouetId));
    expect(row?.engagementNumberRequired).toBe(true);
    expect(logged).toContainEqual({
      audit: expect.objectContaining({
        action: 'chorus_routing_updated',
        structureId: langouetId,
        changedBy: expect.stringMatching(/^person:/),
        changes: [{ field: 'engagementNumberRequired', before: false, after: true }],
      }),
    });
    expect((await operator.get(`/annuaire/${langouetId}?fait=regles`)).html).toContain(
      'Règles Chorus Pro enregistrées.',
    );
  });

  it('adds then updates a service; refuses a bad code with a French message', async () => {
    await operator.get(`/annuaire/${langouetId}`);
    const created = await operator.post(`/annuaire/${langouetId}/services`, {
      code: 'mairie',
      label: 'Secrétariat de mairie',
      active: '1',
    });
    expect(created.status).toBe(303);
    const updated = await operator.post(`/annuaire/${langouetId}/services`, {
      code: 'MAIRIE',
      label: 'Secrétariat de mairie',
      engagementNumberRequired: '1',
    });
    expect(updated.status).toBe(303);
    const rows = await t.handle.db.select().from(services).where(eq(services.structureId, langouetId));
    expect(rows.map((s) => [s.code, s.active, s.engagementNumberRequired])).toEqual([['MAIRIE', false, true]]);
    const bad = await operator.post(`/annuaire/${langouetId}/services`, { code: 'pas bon !', label: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Le code du service comporte de 1 à 100 lettres');
  });

  it('lets only operators call the edit verbs', async () => {
    const accountant = personActing('accountant', langouetId);
    await expect(
      updateChorusRouting({
        ctx: { deps: deps, actor: accountant },
        input: {
          structureId: langouetId,
          changes: {
            serviceCodeRequired: true,
            engagementNumberRequired: false,
            serviceCodeOrEngagementRequired: false,
            receivesThroughChorus: false,
            strictReformRules: false,
          },
        },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      saveService({
        ctx: { deps: deps, actor: accountant },
        input: {
          structureId: langouetId,
          changes: {
            code: 'X',
            label: 'X',
            active: true,
            engagementNumberRequired: false,
          },
        },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('lists member EPCIs by population and exports them for Excel', async () => {
    const page = await operator.get('/annuaire/epci');
    expect(page.html).toContain('Rennes Métropole');
    const populations = [...page.html.matchAll(/<td class="num">([\d\u202f]+)<\/td>/g)].map((m) =>
      Number(m[1]!.replace(/\u202f/g, '')),
    );
    expect(populations.length).toBeGreaterThan(50);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    const csv = await app.request('/annuaire/epci/export.csv', { headers: { cookie: operator.jar.header() } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\ufeffNom;Type;Nature;SIREN;SIRET principal;Code INSEE;Département;Population\r\n')).toBe(
      true,
    );
    expect(text).toMatch(/\r\nRennes Métropole;EPCI à fiscalité propre;Métropole;243500139;\d{14};;35;\d+\r\n/);
  });
});

describe('Chorus Pro connections page', () => {
  it('lists credential problems for the operator, and only for the operator', async () => {
    const { chorusCredentialHealth } = await import('../../../db/schema/chorus.ts');
    expect((await operator.get('/chorus')).html).toContain('Tout fonctionne');
    await t.handle.db.insert(chorusCredentialHealth).values({
      subject: 'piste',
      ok: false,
      problem: 'token_refused',
      detail: 'invalid_client',
      checkedAt: new Date('2026-03-02T09:00:00Z'),
    });
    const page = await operator.get('/chorus');
    expect(page.html).toContain('Jeton PISTE refusé');
    expect(page.html).toContain('invalid_client');
    expect(page.html).toContain('02/03/2026 à 10:00');
    const supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    expect((await supplier.get('/chorus')).status).toBe(403);
  });
});
