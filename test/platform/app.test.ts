import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { AppError } from '../../src/platform/errors.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
let temporal: Client;

beforeAll(async () => {
  temporal = await testTemporalClient();
});
afterAll(async () => {
  await temporal.connection.close();
});

describe('GET /healthz', () => {
  it('answers ok when the database and Temporal answer', async () => {
    const app = createApp(testDeps(t.handle, { temporal }));
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
  });

  it('answers 503 naming the database when it does not answer', async () => {
    const app = createApp(
      testDeps(t.handle, { temporal, pingDb: () => Promise.reject(new Error('connection refused')) }),
    );
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', db: 'down', temporal: 'ok' });
  });

  it('answers 503 naming Temporal when its namespace cannot be reached', async () => {
    const app = createApp(testDeps(t.handle, { temporal, temporalNamespace: 'no-such-namespace' }));
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', db: 'ok', temporal: 'down' });
  });
});

describe('error model', () => {
  it('answers an unknown route with code, French message and request id', async () => {
    const app = createApp(testDeps(t.handle));
    const res = await app.request('/nope', { headers: { 'X-Request-Id': 'req-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('X-Request-Id')).toBe('req-123');
    expect(await res.json()).toEqual({
      code: 'NOT_FOUND',
      message: 'Ressource introuvable : GET /nope',
      requestId: 'req-123',
    });
  });

  it('turns an AppError into its status and body, and hides unexpected errors behind a request id', async () => {
    const app = createApp(testDeps(t.handle));
    app.get('/boom/app', () => {
      throw new AppError('DUPLICATE', 'Facture déjà déposée.', 409);
    });
    app.get('/boom/internal', () => {
      throw new Error('secret stack detail');
    });
    const known = await app.request('/boom/app');
    expect(known.status).toBe(409);
    expect(await known.json()).toMatchObject({ code: 'DUPLICATE', message: 'Facture déjà déposée.' });
    const unknown = await app.request('/boom/internal');
    expect(unknown.status).toBe(500);
    const body = (await unknown.json()) as Record<string, string>;
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.requestId).toMatch(/.+/);
    expect(JSON.stringify(body)).not.toContain('secret stack detail');
  });
});

describe('API documentation', () => {
  it('publishes an OpenAPI document that lists the JSON routes, and a reference page', async () => {
    const app = createApp(testDeps(t.handle));
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/healthz', '/auth/login', '/api/oauth/token', '/api/directory/structures']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('/api/directory/structures');
  });
});
