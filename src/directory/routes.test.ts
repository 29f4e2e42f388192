import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { handleError } from '../platform/error-handler.ts';
import type { AppDeps, AppEnv } from '../platform/http.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { directoryRoutes } from './routes.ts';

const t = useTestDatabase();

function testApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', 'req-test');
    c.set('deps', { db: t.handle.db } as AppDeps);
    await next();
  });
  app.route('/', directoryRoutes);
  app.onError(handleError);
  return app;
}

interface ErrorJson {
  code: string;
  message: string;
  requestId: string;
}

describe('GET /api/directory/structures', () => {
  it('searches by accent-less name and pages', async () => {
    const res = await testApp().request('/api/directory/structures?q=plougastel%20daoulas');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { name: string; siren: string }[];
      total: number;
      page: number;
      pageSize: number;
    };
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(body.items[0]?.name).toBe('Plougastel-Daoulas');
  });

  it('filters by kind and département with page and pageSize', async () => {
    const res = await testApp().request('/api/directory/structures?kind=commune&departement=35&page=2&pageSize=50');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { kind: string; departementCode: string }[];
      total: number;
      page: number;
      pageSize: number;
    };
    expect(body).toMatchObject({ total: 332, page: 2, pageSize: 50 });
    expect(body.items).toHaveLength(50);
    expect(body.items.every((s) => s.kind === 'commune' && s.departementCode === '35')).toBe(true);
  });

  it('answers a clear French 400 for invalid parameters', async () => {
    const app = testApp();
    const badKind = await app.request('/api/directory/structures?kind=mairie');
    expect(badKind.status).toBe(400);
    const kindBody = (await badKind.json()) as ErrorJson;
    expect(kindBody.code).toBe('INVALID_INPUT');
    expect(kindBody.message).toContain('kind');
    expect(kindBody.message).toContain('type de structure inconnu');
    expect(kindBody.requestId).toBe('req-test');

    const badPage = (await (await app.request('/api/directory/structures?page=0&pageSize=500')).json()) as ErrorJson;
    expect(badPage.message).toContain('la page commence à 1');
    expect(badPage.message).toContain('la taille de page est d’au plus 100');

    const badDepartement = await app.request('/api/directory/structures?departement=353');
    expect(badDepartement.status).toBe(400);
    expect(((await badDepartement.json()) as ErrorJson).message).toContain('code de département invalide');

    const notNumber = (await (await app.request('/api/directory/structures?pageSize=abc')).json()) as ErrorJson;
    expect(notNumber.message).toContain('pageSize');
  });
});

describe('GET /api/directory/structures/{id}', () => {
  it('returns a structure with its Chorus rules, services and establishments', async () => {
    const app = testApp();
    const search = (await (await app.request('/api/directory/structures?q=213502388')).json()) as {
      items: { id: string }[];
    };
    const id = search.items[0]?.id;
    const res = await app.request(`/api/directory/structures/${id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { services: { code: string; active: boolean }[] };
    expect(body).toMatchObject({
      id,
      name: 'Rennes',
      siren: '213502388',
      siret: '21350238800019',
      chorus: { serviceCodeRequired: true },
      epci: { siren: '243500139' },
      establishments: [{ siret: '21350238800019', main: true, derived: true }],
    });
    expect(body.services.some((s) => s.code === 'FIN' && s.active)).toBe(true);
  });

  it('answers 404 in French for an unknown id, 400 for a malformed one', async () => {
    const app = testApp();
    const missing = await app.request('/api/directory/structures/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await missing.json()) as ErrorJson).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Structure introuvable : cet élément n’existe pas ou vous n’y avez pas accès.',
      requestId: 'req-test',
    });
    const malformed = await app.request('/api/directory/structures/42');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorJson).message).toContain('identifiant de structure invalide');
  });
});

describe('OpenAPI document', () => {
  it('documents both routes with their parameters', () => {
    const doc = testApp().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'test', version: '0' } });
    const list = doc.paths?.['/api/directory/structures']?.get;
    expect(list?.parameters?.map((p) => ('name' in p ? p.name : ''))).toEqual([
      'q',
      'kind',
      'departement',
      'page',
      'pageSize',
    ]);
    expect(doc.paths?.['/api/directory/structures/{id}']?.get?.responses).toHaveProperty('404');
    expect(doc.components?.schemas).toHaveProperty('DirectoryStructure');
  });
});
