import { eq } from 'drizzle-orm';
import { apiClientGrants, apiClients, type ApiClient } from '../../../db/schema/auth.ts';
import type { RoleGrant } from './actor.ts';
import type { AuthDeps } from './deps.ts';
import { hashPassword } from './password.ts';

export const DEFAULT_CLIENT_SCOPES = ['openid'] as const;

export interface NewApiClientInput {
  clientId: string;
  clientSecret: string;
  name: string;
  /** The structure the client acts for. */
  structureId: string;
  grants: RoleGrant[];
  scopes?: string[];
}

export async function findApiClient(deps: Pick<AuthDeps, 'db'>, clientId: string): Promise<ApiClient | undefined> {
  const [row] = await deps.db.select().from(apiClients).where(eq(apiClients.clientId, clientId));
  return row;
}

/** Registers an OAuth2 client; only a scrypt hash of its secret is kept. */
export async function createApiClient(deps: AuthDeps, input: NewApiClientInput): Promise<ApiClient> {
  const now = deps.clock.now();
  const [client] = await deps.db
    .insert(apiClients)
    .values({
      clientId: input.clientId,
      secretHash: await hashPassword(input.clientSecret),
      name: input.name,
      structureId: input.structureId,
      scopes: input.scopes ?? [...DEFAULT_CLIENT_SCOPES],
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!client) throw new Error('insert into api_clients returned no row');
  for (const grant of input.grants) {
    await deps.db
      .insert(apiClientGrants)
      .values({ apiClientId: client.id, role: grant.role, structureId: grant.structureId })
      .onConflictDoNothing();
  }
  return client;
}
