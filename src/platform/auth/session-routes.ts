import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { forbidden, invalidInput } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './cookies.ts';
import { login } from './login.ts';
import { requireActor } from './middleware.ts';
import { clientIp, userAgent } from './request-info.ts';
import { announceRetryAfter } from './retry-after.ts';
import { ClientIdentitySchema, ErrorBodySchema, LoginBodySchema, PersonSessionSchema } from './schemas.ts';
import { logout } from './sessions.ts';
import { verifyCsrf } from './csrf.tsx';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBodySchema } },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Authentification'],
  summary: 'Ouvre une session (cookie hub_session)',
  request: { body: { required: true, content: { 'application/json': { schema: LoginBodySchema } } } },
  responses: {
    200: { description: 'Session ouverte', content: { 'application/json': { schema: PersonSessionSchema } } },
    400: errorResponse('Requête invalide'),
    401: errorResponse('Identifiant ou mot de passe incorrect'),
    429: errorResponse('Trop de tentatives : réessayer après le délai indiqué'),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Authentification'],
  summary: 'Ferme la session courante',
  description: 'Avec un cookie de session, l’en-tête X-CSRF-Token doit porter le jeton reçu à l’ouverture.',
  responses: {
    204: { description: 'Session fermée (ou aucune session)' },
    403: errorResponse('Jeton CSRF absent ou incorrect'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Authentification'],
  summary: 'Qui est connecté',
  responses: {
    200: {
      description: 'La personne (session) ou le client API (jeton) à l’origine de la requête',
      content: { 'application/json': { schema: z.union([PersonSessionSchema, ClientIdentitySchema]) } },
    },
    401: errorResponse('Non authentifié'),
  },
});

/** JSON session endpoints: login, logout, me. */
export const sessionRoutes = new OpenAPIHono<AppEnv>({
  defaultHook: (result) => {
    if (!result.success) throw invalidInput('Requête invalide.', result.error.issues);
  },
})
  .openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const result = await login(c.get('deps'), { email, password, ip: clientIp(c), userAgent: userAgent(c) }).catch(
      (error: unknown) => {
        announceRetryAfter(c, error);
        throw error;
      },
    );
    const previous = readSessionCookie(c);
    if (previous !== undefined) await logout(c.get('deps'), previous);
    setSessionCookie(c, result.sessionToken);
    const { personId, email: personEmail, displayName, grants } = result.actor;
    return c.json(
      { person: { id: personId, email: personEmail, displayName }, grants, csrfToken: result.csrfToken },
      200,
    );
  })
  .openapi(logoutRoute, async (c) => {
    // A cross-site form could otherwise end anyone's session; an unknown or expired cookie is just cleared.
    if (c.get('authSession')) verifyCsrf(c, c.req.header('x-csrf-token'));
    const token = readSessionCookie(c);
    if (token !== undefined) await logout(c.get('deps'), token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(meRoute, (c) => {
    const actor = requireActor(c);
    if (actor.kind === 'person') {
      const { personId, email, displayName, grants } = actor;
      const csrfToken = c.get('authSession')?.csrfToken ?? '';
      return c.json({ person: { id: personId, email, displayName }, grants, csrfToken }, 200);
    }
    if (actor.kind === 'system') throw forbidden();
    return c.json({ client: { clientId: actor.clientId }, grants: actor.grants, scopes: actor.scopes }, 200);
  });
