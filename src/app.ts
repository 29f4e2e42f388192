import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { billingRoutes } from './billing/index.ts';
import { actAnswerRoutes, actRoutes, s2lowActRoutes } from './acts/index.ts';
import { chorusMirrorRoutes } from './chorus/index.ts';
import { directoryRoutes } from './directory/index.ts';
import { invoiceRoutes } from './invoices/index.ts';
import { authenticate, authRoutes } from './platform/auth/index.ts';
import { readS2lowAuthSettings, s2lowAuthRoutes } from './platform/auth/s2low/index.ts';
import { validationHook } from './platform/error-handler.ts';
import { contentSecurityPolicy } from './platform/content-security.ts';
import { healthRoutes } from './platform/health-routes.ts';
import type { AppDeps, AppEnv } from './platform/http.ts';
import { apiReferencePage } from './platform/openapi/reference-page.tsx';
import { requestLog } from './platform/request-log.ts';
import { runWithRequest } from './platform/request-context.ts';
import { portalRoutes } from './portal/routes.ts';
import { negotiatedError, negotiatedNotFound } from './web/negotiate.ts';
import { requestGuard } from './platform/request-guard.ts';
import { REQUEST_LIMITS } from './request-limits.ts';
import { tenderRoutes } from './tenders/index.ts';
import { accountingRoutes, heliosS2lowRoutes } from './accounting/index.ts';

export const OPENAPI_PATH = '/api/openapi.json';

/** The whole HTTP surface of the hub, built from its dependencies (no globals, so tests build their own). */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', (c, next) => runWithRequest(c.get('requestId'), next));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestLog());
  app.use('*', secureHeaders());
  app.use('*', contentSecurityPolicy());
  app.use('*', requestGuard(REQUEST_LIMITS));
  // Health before authentication: a session cookie must not make it wait on the database.
  app.route('/', healthRoutes);
  app.use('*', authenticate());

  app.route('/', authRoutes);
  app.route('/', directoryRoutes);
  app.route('/', invoiceRoutes);
  app.route('/', chorusMirrorRoutes);
  app.route('/', billingRoutes);
  app.route('/', tenderRoutes);
  app.route('/', actRoutes);
  const s2low = readS2lowAuthSettings();
  app.route('/', s2lowAuthRoutes(s2low));
  app.route('/', s2lowActRoutes(s2low));
  app.route('/', heliosS2lowRoutes(s2low));
  app.route('/', actAnswerRoutes);
  app.route('/', accountingRoutes);

  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'API du hub régional d’administration numérique',
      version: '0.1.0',
      description:
        'Facturation électronique reliée à Chorus Pro, annuaire des collectivités bretonnes, authentification unique.',
    },
  });
  // Server-rendered pages last: the JSON routes above keep their paths.
  app.route('/', portalRoutes);
  app.get('/api/docs', (c) =>
    c.html(
      apiReferencePage(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'API du hub', version: '0.1.0' } })),
    ),
  );

  app.notFound(negotiatedNotFound(app));
  app.onError(negotiatedError);
  return app;
}
