// Shared by this folder's tests: a small app wired like the hub's, a cookie jar, and directory data.
import { OpenAPIHono } from '@hono/zod-openapi';
import { count } from 'drizzle-orm';
import { HTTPException } from 'hono/http-exception';
import pino from 'pino';
import type { Db } from '../../db/client.ts';
import { structures } from '../../db/schema/directory.ts';
import { seedDirectory } from '../../src/directory/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { AppError, type ErrorBody } from '../../src/platform/errors.ts';
import type { AppDeps, AppEnv } from '../../src/platform/http.ts';
import { authenticate } from '../../src/platform/auth/middleware.ts';
import { authRoutes } from '../../src/platform/auth/routes.ts';

export function testDeps(db: Db, clock: Clock, secureCookies = true): AppDeps {
  return { db, clock, logger: pino({ level: 'silent' }), secureCookies };
}

/** deps → authenticate() → authRoutes, plus `/private` (needs an actor) and an error handler shaped like the hub's. */
export function buildTestApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', 'req-test');
    c.set('deps', deps);
    await next();
  });
  app.use('*', authenticate());
  app.route('/', authRoutes);
  app.onError((error, c) => {
    if (error instanceof AppError) {
      const body: ErrorBody = {
        code: error.code,
        message: error.message,
        requestId: c.get('requestId'),
        details: error.details,
      };
      return c.json(body, error.status);
    }
    if (error instanceof HTTPException) return error.getResponse();
    return c.json({ code: 'INTERNAL', message: 'Erreur interne.', requestId: c.get('requestId') }, 500);
  });
  return app;
}

/** Remembers cookies across requests, like a browser on one site. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Seeds the directory unless the template database already holds it. */
export async function ensureDirectory(db: Db): Promise<void> {
  const [row] = await db.select({ n: count() }).from(structures);
  if ((row?.n ?? 0) === 0) await seedDirectory(db);
}

/** A response's JSON body, for assertions. */
export const readJson = (res: Response): Promise<any> => res.json();
