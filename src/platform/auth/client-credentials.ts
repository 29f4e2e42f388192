import { eq, sql } from 'drizzle-orm';
import { accessTokens, apiClients } from '../../../db/schema/auth.ts';
import type { Actor, RoleGrant } from './actor.ts';
import { findApiClient } from './api-clients.ts';
import { invalidClient, invalidScope, invalidToken, tokenExpired } from './auth-errors.ts';
import type { AuthDeps } from './deps.ts';
import { dummyVerify, verifyPassword } from './password.ts';
import { throttledCheck } from './throttle.ts';
import { hashToken, randomToken } from './tokens.ts';

/** Lifetime of an access token, as on PISTE. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export interface ClientCredentialsInput {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes; absent or empty means every scope the client may have. */
  scope?: string | undefined;
  /** The peer address the request comes from (throttling). */
  ip?: string | null | undefined;
}

/** The OAuth2 token response, field names as in RFC 6749 and PISTE. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export type ClientActor = Extract<Actor, { kind: 'client' }>;

/**
 * OAuth2 client credentials grant: checks the client and issues an opaque bearer token (only its hash is kept).
 * Secrets are throttled per client id and source address, before the check, as person passwords are.
 */
export async function issueClientToken(deps: AuthDeps, input: ClientCredentialsInput): Promise<TokenResponse> {
  const client =
    input.clientId && !input.clientId.includes('\0') ? await findApiClient(deps, input.clientId) : undefined;
  const key = { kind: 'client_secret', identity: input.clientId, ip: input.ip } as const;
  const { ok } = await throttledCheck(deps, key, async () => {
    const secretOk = client
      ? await verifyPassword(input.clientSecret, client.secretHash)
      : await dummyVerify(input.clientSecret);
    return Boolean(client && secretOk && client.active);
  });
  if (!ok || !client) throw invalidClient();

  const requested = (input.scope ?? '').split(/\s+/).filter(Boolean);
  const refused = requested.find((s) => !client.scopes.includes(s));
  if (refused !== undefined) throw invalidScope(refused);
  const scope = [...new Set(requested.length > 0 ? requested : client.scopes)].join(' ');

  const now = deps.clock.now();
  const accessToken = randomToken();
  await deps.db.insert(accessTokens).values({
    tokenHash: hashToken(accessToken),
    apiClientId: client.id,
    scope,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000),
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS, scope };
}

/** The API client behind a bearer token. Unknown token or inactive client: INVALID_TOKEN; past its expiry: TOKEN_EXPIRED. */
export async function resolveBearer(deps: AuthDeps, token: string): Promise<ClientActor> {
  const [row] = await deps.db
    .select({
      scope: accessTokens.scope,
      expiresAt: accessTokens.expiresAt,
      clientId: apiClients.clientId,
      active: apiClients.active,
      // The client's roles in the same round trip, by role then structure.
      grants: sql<RoleGrant[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'structureId', g.structure_id) order by g.role, g.structure_id)
        from api_client_grants g where g.api_client_id = ${apiClients.id}), '[]'::json)`,
    })
    .from(accessTokens)
    .innerJoin(apiClients, eq(apiClients.id, accessTokens.apiClientId))
    .where(eq(accessTokens.tokenHash, hashToken(token)));
  if (!row || !row.active) throw invalidToken();
  if (row.expiresAt <= deps.clock.now()) throw tokenExpired();
  return {
    kind: 'client',
    clientId: row.clientId,
    grants: row.grants,
    scopes: row.scope.split(' ').filter(Boolean),
  };
}
