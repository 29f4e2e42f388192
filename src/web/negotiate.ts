// Content negotiation of failures: a browser (a request that prefers text/html) gets a French HTML page, an API
// client gets the JSON error body. Unknown paths answer 404, a known path asked with another method 405.
import type { Context, Hono } from 'hono';
import { AppError } from '../platform/errors.ts';
import { errorBody, handleError } from '../platform/error-handler.ts';
import type { AppEnv } from '../platform/http.ts';
import { portalError } from './error-pages.tsx';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Quality of `type` in an Accept header: its own entry, else `type/*`, else `* / *` (0 when absent). */
function quality(accept: string, type: string): number {
  let best = -1;
  let specificity = -1;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? '1',
    );
    const level = range === type ? 2 : range === `${type.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : Number.NaN;
    if (!Number.isNaN(level) && level > specificity) {
      specificity = level;
      best = Number.isFinite(q) ? q : 0;
    }
  }
  return Math.max(best, 0);
}

/** True when the client asks for HTML more than for JSON: browsers do, `fetch()` and API clients do not. */
export function prefersHtml(c: Context): boolean {
  const accept = c.req.header('accept');
  if (!accept) return false;
  const html = quality(accept, 'text/html');
  return html > 0 && html > quality(accept, 'application/json');
}

/** Methods that have a route (not only middleware) for this path. */
export function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const allowed: string[] = [];
  for (const method of METHODS) {
    const [matches] = app.router.match(method, path);
    if (matches.some(([[, route]]) => route.method === method)) allowed.push(method);
  }
  if (allowed.includes('GET')) allowed.push('HEAD');
  return allowed;
}

export const methodNotAllowed = (method: string, allowed: readonly string[]): AppError =>
  new AppError(
    'METHOD_NOT_ALLOWED',
    `Cette adresse existe mais n’accepte pas la méthode ${method} (méthodes acceptées : ${allowed.join(', ')}).`,
    405,
    { allowed },
  );

/** The app's not-found handler: 405 with `Allow` when the path exists for another method, else 404. */
export function negotiatedNotFound(app: Hono<AppEnv>) {
  return function notFound(c: Context<AppEnv>): Response | Promise<Response> {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '));
      const error = methodNotAllowed(c.req.method, allowed);
      return prefersHtml(c) ? portalError(error, c) : handleError(error, c);
    }
    if (prefersHtml(c)) return portalError(new AppError('NOT_FOUND', 'Page introuvable.', 404), c);
    return c.json(errorBody(c, 'NOT_FOUND', `Ressource introuvable : ${c.req.method} ${c.req.path}`), 404);
  };
}

/** The app's error handler: the French error page to browsers, the JSON error body to API clients. */
export function negotiatedError(error: Error, c: Context<AppEnv>): Response | Promise<Response> {
  return prefersHtml(c) ? portalError(error, c) : handleError(error, c);
}
