// Every /cpro call needs a bearer token from /api/oauth/token and a `cpro-account` naming a technical account
// the token's client is bound to. Refusals are those of PISTE: 401 with the reason in WWW-Authenticate, 403 with an
// empty body; the hub adds a French message when the client is not bound to the account, and 429 with
// Retry-After while the technical login is throttled for the caller's address.
import type { MiddlewareHandler } from 'hono';
import { clientIp } from '../../platform/auth/index.ts';
import { parseCproAccount } from '../client/technical-account.ts';
import { clientMayUse, clientNotBound } from './client-bindings.ts';
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
      credentials && (await verifyTechnicalAccount(deps, credentials.login, credentials.password, clientIp(c)));
    if (!account) return c.body(null, 401, { 'WWW-Authenticate': WWW_AUTHENTICATE_BAD_ACCOUNT });
    if (!account.apiEnabled) return c.body(null, 403);
    if (!(await clientMayUse(deps.db, actor.clientId, account.id))) throw clientNotBound(actor.clientId, account.login);
    c.set('chorus', sessionOf(account));
    await next();
  };
}
