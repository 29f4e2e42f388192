import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../../http.ts';
import type { Actor } from '../actor.ts';
import { clientIp } from '../request-info.ts';
import { authenticateS2low, hasS2lowCredentials, type S2lowCredentials } from './authenticate.ts';
import { s2lowMissingCredentials } from './errors.ts';
import { s2lowKo } from './plain-text.ts';
import type { S2lowAuthSettings } from './settings.ts';

function credentialsOf(c: Context<AppEnv>): S2lowCredentials {
  return {
    authorization: c.req.header('authorization'),
    nounce: c.req.query('nounce'),
    login: c.req.query('login'),
    hash: c.req.query('hash'),
    ip: clientIp(c),
  };
}

/**
 * For the S²LOW-compatible paths: a request carrying S²LOW credentials (Basic, or nounce/login/hash) is
 * authenticated with them and its actor set; one already identified by the hub (bearer token, session) goes on as
 * it is; any other is answered `KO` in plain text, 401, as S²LOW clients expect.
 */
export function s2lowAuth(settings: S2lowAuthSettings): MiddlewareHandler<AppEnv> {
  return async function s2lowAuth(c, next) {
    const credentials = credentialsOf(c);
    try {
      if (hasS2lowCredentials(credentials)) {
        c.set('actor', await authenticateS2low(c.get('deps'), settings, credentials));
      } else if (!c.get('actor')) {
        throw s2lowMissingCredentials();
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 401) c.header('WWW-Authenticate', 'Basic realm="S2LOW", charset="UTF-8"');
      const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (wait !== undefined) c.header('Retry-After', String(wait));
      return s2lowKo(c, error.message, error.status);
    }
    await next();
  };
}

/** The actor set by `s2lowAuth` (always present behind it). */
export function s2lowActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw s2lowMissingCredentials();
  return actor;
}
