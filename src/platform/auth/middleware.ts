import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import type { Actor } from './actor.ts';
import { requireActorPresent } from './authorize.ts';
import { resolveBearer } from './client-credentials.ts';
import './context.ts';
import { clearSessionCookie, readSessionCookie } from './cookies.ts';
import { resolveSession } from './sessions.ts';

const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i;

/**
 * Identifies who is calling: an `Authorization: Bearer` token (API clients) or the `hub_session` cookie.
 * Anonymous requests go on with `actor` undefined; a bad or expired bearer token stops the request with 401.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    c.set('actor', undefined);
    c.set('authSession', undefined);
    const deps = c.get('deps');
    const authorization = c.req.header('authorization');
    if (authorization !== undefined && /^bearer\b/i.test(authorization)) {
      const token = BEARER.exec(authorization)?.[1];
      try {
        if (token === undefined) throw new AppError('INVALID_TOKEN', 'L’en-tête Authorization est mal formé.', 401);
        c.set('actor', await resolveBearer(deps, token));
      } catch (error) {
        if (error instanceof AppError && error.status === 401) {
          c.header('WWW-Authenticate', `Bearer realm="hub", error="invalid_token", error_description="${error.code}"`);
        }
        throw error;
      }
    } else {
      const token = readSessionCookie(c);
      if (token !== undefined) {
        const session = await resolveSession(deps, token);
        if (session) {
          c.set('actor', session.actor);
          c.set('authSession', { sessionId: session.sessionId, csrfToken: session.csrfToken });
        } else {
          clearSessionCookie(c);
        }
      }
    }
    await next();
  };
}

/** The actor of the request, or 401 when anonymous. */
export function requireActor(c: Context<AppEnv>): Actor {
  return requireActorPresent(c.get('actor'));
}
