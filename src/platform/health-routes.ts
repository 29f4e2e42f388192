import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkHealth } from './health.ts';
import type { AppEnv } from './http.ts';

const Part = z.enum(['ok', 'down']);
const Health = z.object({ status: z.enum(['ok', 'degraded']), db: Part, temporal: Part }).openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Plateforme'],
  summary: 'État du hub : base de données et serveur Temporal',
  responses: {
    200: { description: 'Toutes les parties répondent', content: { 'application/json': { schema: Health } } },
    503: { description: 'Au moins une partie ne répond pas', content: { 'application/json': { schema: Health } } },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
  const deps = c.get('deps');
  const report = await checkHealth({
    pingDb: deps.pingDb ?? (async () => {}),
    temporal: deps.temporal,
    namespace: deps.temporalNamespace ?? 'default',
    temporalServer: deps.temporalServer,
  });
  return c.json(report, report.status === 'ok' ? 200 : 503);
});
