import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { issueClientToken } from './client-credentials.ts';
import { clientIp } from './request-info.ts';
import { announceRetryAfter } from './retry-after.ts';
import { OAuthErrorSchema, TokenRequestSchema, TokenResponseSchema } from './schemas.ts';

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

const oauthError = (description: string) => ({
  description,
  content: { 'application/json': { schema: OAuthErrorSchema } },
});

const tokenRoute = createRoute({
  method: 'post',
  path: '/api/oauth/token',
  tags: ['OAuth2'],
  summary: 'Jeton d’accès (client credentials, comme PISTE)',
  description:
    'Identifiants du client dans le corps (`client_id`, `client_secret`) ou en authentification HTTP Basic. Le jeton est valable `expires_in` secondes.',
  request: { body: { content: { 'application/x-www-form-urlencoded': { schema: TokenRequestSchema } } } },
  responses: {
    200: { description: 'Jeton délivré', content: { 'application/json': { schema: TokenResponseSchema } } },
    400: oauthError(
      'Requête invalide, type de grant non pris en charge, portée refusée ou client refusé (identifiants dans le corps)',
    ),
    401: oauthError('Client refusé (identifiants en HTTP Basic)'),
    429: oauthError(
      'Trop de secrets incorrects pour ce client depuis cette adresse : réessayer après `Retry-After` secondes',
    ),
  },
});

interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

/** RFC 6749 §2.3.1: both parts are form-urlencoded before base64. Undefined when absent; null when malformed. */
function basicCredentials(header: string | undefined): BasicCredentials | null | undefined {
  if (header === undefined || !/^basic\b/i.test(header)) return undefined;
  const encoded = /^basic[ ]+([A-Za-z0-9+/]+=*)[ ]*$/i.exec(header)?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const part = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: part(decoded.slice(0, colon)), clientSecret: part(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function fail(c: Context<AppEnv>, error: OAuthErrorCode, description: string, usedBasic = false) {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  if (error === 'invalid_client' && usedBasic) {
    c.header('WWW-Authenticate', 'Basic realm="hub"');
    return c.json({ error, error_description: description }, 401);
  }
  return c.json({ error, error_description: description }, 400);
}

const OAUTH_CODES: Record<string, OAuthErrorCode> = {
  INVALID_CLIENT: 'invalid_client',
  INVALID_SCOPE: 'invalid_scope',
};

/** `POST /api/oauth/token`: OAuth2 client credentials grant; errors in the OAuth2 JSON shape. */
export const oauthRoutes = new OpenAPIHono<AppEnv>().openapi(
  tokenRoute,
  async (c) => {
    const form = c.req.valid('form');
    const basic = basicCredentials(c.req.header('authorization'));
    if (basic === null) return fail(c, 'invalid_client', 'En-tête Authorization Basic mal formé.', true);
    if (basic && form.client_secret !== undefined) {
      return fail(c, 'invalid_request', 'Une seule méthode d’authentification du client est permise.');
    }
    if (!form.grant_type) return fail(c, 'invalid_request', 'Le paramètre grant_type est obligatoire.');
    if (form.grant_type !== 'client_credentials') {
      return fail(c, 'unsupported_grant_type', `Type de grant non pris en charge : ${form.grant_type}.`);
    }
    const clientId = basic?.clientId ?? form.client_id;
    const clientSecret = basic?.clientSecret ?? form.client_secret;
    if (!clientId || clientSecret === undefined) {
      return fail(c, 'invalid_request', 'Les paramètres client_id et client_secret sont obligatoires.');
    }
    try {
      const token = await issueClientToken(c.get('deps'), {
        clientId,
        clientSecret,
        scope: form.scope,
        ip: clientIp(c),
      });
      c.header('Cache-Control', 'no-store');
      c.header('Pragma', 'no-cache');
      return c.json(token, 200);
    } catch (error) {
      if (error instanceof AppError && error.code === 'TOO_MANY_ATTEMPTS') {
        announceRetryAfter(c, error);
        c.header('Cache-Control', 'no-store');
        // RFC 6749 names no error for this; temporarily_unavailable is the nearest of its codes.
        return c.json({ error: 'temporarily_unavailable' as const, error_description: error.message }, 429);
      }
      const code = error instanceof AppError ? OAUTH_CODES[error.code] : undefined;
      if (code === undefined || !(error instanceof AppError)) throw error;
      return fail(c, code, error.message, basic !== undefined);
    }
  },
  (result, c) => {
    if (!result.success) return fail(c, 'invalid_request', 'Paramètres de la requête invalides.');
  },
);
