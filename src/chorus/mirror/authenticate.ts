// Every /cpro call needs a bearer token from /api/oauth/token and a `cpro-account` naming a technical account.
// Refusals are those of PISTE: 401 with the reason in WWW-Authenticate, 403 with an empty body.
import type { MiddlewareHandler } from 'hono';
import { parseCproAccount } from '../client/technical-account.ts';
import { verifyTechnicalAccount } from './technical-accounts.ts';
import { sessionOf, type MirrorEnv } from './session.ts';

export const WWW_AUTHENTICATE_BAD_ACCOUNT =
  'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"';
const WWW_AUTHENTICATE_NO_TOKEN =
  'Bearer realm="PISTE",error="invalid_token",error_description="access token is missing"';

export function authenticateMirror(): MiddlewareHandler<MirrorEnv> {
  return async function authenticateMirror(c, next) {
    const actor = c.get('actor');
    if (actor?.kind !== 'client') return c.body(null, 401, { 'WWW-Authenticate': WWW_AUTHENTICATE_NO_TOKEN });
    const credentials = parseCproAccount(c.req.header('cpro-account'));
    const deps = c.get('deps');
    const account =
      credentials && (await verifyTechnicalAccount(deps.db, credentials.login, credentials.password, deps.clock.now()));
    if (!account) return c.body(null, 401, { 'WWW-Authenticate': WWW_AUTHENTICATE_BAD_ACCOUNT });
    if (!account.apiEnabled) return c.body(null, 403);
    c.set('chorus', sessionOf(account));
    await next();
  };
}
