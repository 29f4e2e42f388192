// The operator registers people and API clients: operator check → validation (French, naming the field) → one
// transaction (the account, its grants, its audit row). The password or secret is generated here and returned
// once: only its scrypt hash is stored, so the hub can never show it again.
import type { VerbCall } from '../verb.ts';
import { randomBytes } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { apiClientGrants, apiClients, people, roleGrants } from '../../../db/schema/auth.ts';
import { recordAudit } from '../audit/index.ts';
import { invalidInput } from '../errors.ts';
import type { Actor, RoleGrant } from './actor.ts';
import { ROLES } from './actor.ts';
import { requireOperator } from './authorize.ts';
import { DEFAULT_CLIENT_SCOPES } from './api-clients.ts';
import type { AuthDeps } from './deps.ts';
import { normaliseEmail } from './email.ts';
import { hashPassword } from './password.ts';

const refuse = (field: string, message: string) => invalidInput(message, { field });

/** 20 characters from a 32-letter alphabet without look-alikes (100 bits), in groups of 5 to read it out. */
export function generateSecret(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789Z';
  const chars = [...randomBytes(20)].map((b) => alphabet[b % 32]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

function checkGrants(grants: RoleGrant[]): RoleGrant[] {
  if (grants.length === 0)
    throw refuse('grants', 'Indiquez au moins un rôle et la structure pour laquelle il est tenu.');
  for (const g of grants)
    if (!(ROLES as readonly string[]).includes(g.role)) throw refuse('grants', `Le rôle « ${g.role} » n’existe pas.`);
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.role}:${g.structureId}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export interface NewPersonAccount {
  email: string;
  displayName: string;
  grants: RoleGrant[];
}

export interface RegisteredPerson {
  personId: string;
  email: string;
  /** Shown once to the operator, who hands it over; the person should change it. */
  initialPassword: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function registerPerson({ ctx, input }: VerbCall<AuthDeps, NewPersonAccount>): Promise<RegisteredPerson> {
  const { deps, actor: by } = ctx;
  const actor = requireOperator(by);
  const email = input.email.trim();
  if (!EMAIL.test(email) || email.length > 254)
    throw refuse('email', `L’adresse électronique « ${email} » n’est pas valide (ex. prenom.nom@mairie.fr).`);
  const displayName = input.displayName.trim().replace(/\s+/g, ' ');
  if (displayName === '' || displayName.length > 200)
    throw refuse('displayName', 'Le nom de la personne est obligatoire (200 caractères au plus).');
  const grants = checkGrants(input.grants);
  const initialPassword = generateSecret();
  const passwordHash = await hashPassword(initialPassword);
  const now = deps.clock.now();
  const personId = await deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: people.id })
      .from(people)
      .where(sql`lower(${people.email}) = ${normaliseEmail(email)}`);
    if (taken) throw refuse('email', `Une personne a déjà l’adresse électronique ${email}.`);
    const [person] = await tx
      .insert(people)
      .values({ email, displayName, passwordHash, createdAt: now, updatedAt: now })
      .returning({ id: people.id });
    const id = person!.id;
    await tx.insert(roleGrants).values(grants.map((g) => ({ personId: id, role: g.role, structureId: g.structureId })));
    await recordAudit(tx, {
      actor,
      action: 'person.create',
      subject: { type: 'person', id },
      structureId: grants[0]!.structureId,
      before: null,
      after: { email, displayName, grants },
    });
    return id;
  });
  return { personId, email, initialPassword };
}

export interface NewApiClientAccount {
  clientId: string;
  name: string;
  /** The first grant's structure is the one the client acts for. */
  grants: RoleGrant[];
}

export interface RegisteredApiClient {
  id: string;
  clientId: string;
  /** Shown once; only its hash is kept. */
  clientSecret: string;
}

const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export async function registerApiClient({
  ctx,
  input,
}: VerbCall<AuthDeps, NewApiClientAccount>): Promise<RegisteredApiClient> {
  const { deps, actor: by } = ctx;
  const actor = requireOperator(by);
  const clientId = input.clientId.trim();
  if (!CLIENT_ID.test(clientId))
    throw refuse(
      'clientId',
      `L’identifiant client « ${clientId} » doit compter de 3 à 64 minuscules, chiffres, points, tirets ou soulignés (ex. armor-erp).`,
    );
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 200)
    throw refuse('name', 'Le nom du client API est obligatoire (200 caractères au plus).');
  const grants = checkGrants(input.grants);
  const clientSecret = generateSecret();
  const secretHash = await hashPassword(clientSecret);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.clientId, clientId));
    if (taken) throw refuse('clientId', `Un client API porte déjà l’identifiant ${clientId}.`);
    const [client] = await tx
      .insert(apiClients)
      .values({
        clientId,
        secretHash,
        name,
        structureId: grants[0]!.structureId,
        scopes: [...DEFAULT_CLIENT_SCOPES],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: apiClients.id });
    const rowId = client!.id;
    await tx
      .insert(apiClientGrants)
      .values(grants.map((g) => ({ apiClientId: rowId, role: g.role, structureId: g.structureId })));
    await recordAudit(tx, {
      actor,
      action: 'api_client.create',
      subject: { type: 'api_client', id: clientId },
      structureId: grants[0]!.structureId,
      before: null,
      after: { clientId, name, grants },
    });
    return rowId;
  });
  return { id, clientId, clientSecret };
}

export interface AccountSummary {
  id: string;
  /** E-mail of a person, client id of an API client. */
  login: string;
  name: string;
  active: boolean;
  grants: RoleGrant[];
}

/** Every person, by e-mail, with their grants (operators only). */
export async function listPeople(deps: Pick<AuthDeps, 'db'>, by: Actor | undefined): Promise<AccountSummary[]> {
  requireOperator(by);
  const rows = await deps.db
    .select({ id: people.id, login: people.email, name: people.displayName, active: people.active })
    .from(people)
    .orderBy(asc(sql`lower(${people.email})`));
  const grants = rows.length
    ? await deps.db
        .select({ ownerId: roleGrants.personId, role: roleGrants.role, structureId: roleGrants.structureId })
        .from(roleGrants)
        .where(
          inArray(
            roleGrants.personId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, grants: ownGrants(grants, r.id) }));
}

/** Every API client, by client id, with its grants (operators only). */
export async function listApiClients(deps: Pick<AuthDeps, 'db'>, by: Actor | undefined): Promise<AccountSummary[]> {
  requireOperator(by);
  const rows = await deps.db
    .select({ id: apiClients.id, login: apiClients.clientId, name: apiClients.name, active: apiClients.active })
    .from(apiClients)
    .orderBy(asc(apiClients.clientId));
  const grants = rows.length
    ? await deps.db
        .select({
          ownerId: apiClientGrants.apiClientId,
          role: apiClientGrants.role,
          structureId: apiClientGrants.structureId,
        })
        .from(apiClientGrants)
    : [];
  return rows.map((r) => ({ ...r, grants: ownGrants(grants, r.id) }));
}

const ownGrants = (all: (RoleGrant & { ownerId: string })[], ownerId: string): RoleGrant[] =>
  all.filter((g) => g.ownerId === ownerId).map(({ role, structureId }) => ({ role, structureId }));
