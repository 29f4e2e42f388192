// Which API clients may use which technical accounts, as PISTE binds an application to the structures that
// connected it in Chorus Pro ("raccordement"). The mirror refuses a token of any other client (403); the operator
// binds and unbinds from the API clients page.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { apiClients } from '../../../db/schema/auth.ts';
import { chorusTechnicalAccountClients, chorusTechnicalAccounts } from '../../../db/schema/chorus.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requireOperator, type Actor, type AuthDeps } from '../../platform/auth/index.ts';
import { AppError, invalidInput } from '../../platform/errors.ts';

/** True when the API client `clientId` (the token's owner) is bound to the technical account. */
export async function clientMayUse(db: Db, clientId: string, technicalAccountId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: chorusTechnicalAccountClients.apiClientId })
    .from(chorusTechnicalAccountClients)
    .innerJoin(apiClients, eq(apiClients.id, chorusTechnicalAccountClients.apiClientId))
    .where(
      and(eq(chorusTechnicalAccountClients.technicalAccountId, technicalAccountId), eq(apiClients.clientId, clientId)),
    );
  return row !== undefined;
}

/**
 * Binds API clients, by client id, to a technical account without an operator (demo data, tests); unknown client
 * ids are ignored. Idempotent.
 */
export async function allowClients(db: Db, technicalAccountId: string, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  const clients = await db
    .select({ id: apiClients.id })
    .from(apiClients)
    .where(inArray(apiClients.clientId, [...clientIds]));
  if (clients.length === 0) return;
  await db
    .insert(chorusTechnicalAccountClients)
    .values(clients.map((c) => ({ technicalAccountId, apiClientId: c.id })))
    .onConflictDoNothing();
}

export const clientNotBound = (clientId: string, login: string): AppError =>
  new AppError(
    'TECHNICAL_ACCOUNT_NOT_BOUND',
    `Le client API « ${clientId} » n’est pas raccordé au compte technique ${login} : l’opérateur du hub doit l’y autoriser (page Clients API) avant que ce client l’utilise.`,
    403,
  );

export interface TechnicalAccountBinding {
  clientId: string;
  login: string;
  /** The structure the technical account acts for. */
  structureId: string;
}

export interface BindingInput {
  clientId: string;
  login: string;
}

async function resolve(db: Db, input: BindingInput) {
  const clientId = input.clientId.trim();
  const login = input.login.trim();
  const [client] = clientId
    ? await db.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.clientId, clientId))
    : [];
  if (!client)
    throw invalidInput(`Aucun client API ne porte l’identifiant « ${clientId} ».`, { field: 'bindingClientId' });
  const [account] = login
    ? await db
        .select({
          id: chorusTechnicalAccounts.id,
          login: chorusTechnicalAccounts.login,
          structureId: chorusTechnicalAccounts.structureId,
        })
        .from(chorusTechnicalAccounts)
        .where(eq(sql`lower(${chorusTechnicalAccounts.login})`, login.toLowerCase()))
    : [];
  if (!account)
    throw invalidInput(`Aucun compte technique ne porte l’identifiant « ${login} ».`, { field: 'bindingLogin' });
  return { clientId, clientRowId: client.id, account };
}

/** The operator allows an API client to use a technical account (idempotent); one audit row when it changes. */
export async function bindTechnicalAccount(deps: AuthDeps, by: Actor | undefined, input: BindingInput): Promise<void> {
  const actor = requireOperator(by);
  const { clientId, clientRowId, account } = await resolve(deps.db, input);
  await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(chorusTechnicalAccountClients)
      .values({ technicalAccountId: account.id, apiClientId: clientRowId, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ id: chorusTechnicalAccountClients.apiClientId });
    if (inserted.length === 0) return;
    await recordAudit(tx, {
      actor,
      action: 'chorus_technical_account.bind_client',
      subject: { type: 'chorus_technical_account', id: account.login },
      structureId: account.structureId,
      before: null,
      after: { clientId },
    });
  });
}

/** The operator withdraws the binding: the client's next call with this account is refused. */
export async function unbindTechnicalAccount(
  deps: AuthDeps,
  by: Actor | undefined,
  input: BindingInput,
): Promise<void> {
  const actor = requireOperator(by);
  const { clientId, clientRowId, account } = await resolve(deps.db, input);
  await deps.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(chorusTechnicalAccountClients)
      .where(
        and(
          eq(chorusTechnicalAccountClients.technicalAccountId, account.id),
          eq(chorusTechnicalAccountClients.apiClientId, clientRowId),
        ),
      )
      .returning({ id: chorusTechnicalAccountClients.apiClientId });
    if (deleted.length === 0) return;
    await recordAudit(tx, {
      actor,
      action: 'chorus_technical_account.unbind_client',
      subject: { type: 'chorus_technical_account', id: account.login },
      structureId: account.structureId,
      before: { clientId },
      after: null,
    });
  });
}

/** Every binding, by client then login (operators only). */
export async function listTechnicalAccountBindings(
  deps: Pick<AuthDeps, 'db'>,
  by: Actor | undefined,
): Promise<TechnicalAccountBinding[]> {
  requireOperator(by);
  return deps.db
    .select({
      clientId: apiClients.clientId,
      login: chorusTechnicalAccounts.login,
      structureId: chorusTechnicalAccounts.structureId,
    })
    .from(chorusTechnicalAccountClients)
    .innerJoin(apiClients, eq(apiClients.id, chorusTechnicalAccountClients.apiClientId))
    .innerJoin(
      chorusTechnicalAccounts,
      eq(chorusTechnicalAccounts.id, chorusTechnicalAccountClients.technicalAccountId),
    )
    .orderBy(asc(apiClients.clientId), asc(chorusTechnicalAccounts.login));
}
