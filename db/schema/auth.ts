// Owned by the auth module: people and their role grants, browser sessions, throttling of logins and secrets with
// the unlock links, and API clients (OAuth2 client credentials) with their access tokens.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { structures } from './directory.ts';

/** The four roles of the hub; `src/platform/auth/actor.ts` checks at compile time that it lists the same. */
export const authRoles = ['supplier', 'accountant', 'agent', 'operator'] as const;
export const authRole = pgEnum('auth_role', authRoles);

const at = (name: string) => timestamp(name, { withTimezone: true });

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As typed by the person; unique regardless of case. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** `$scrypt$ln=…,r=…,p=…$<salt>$<hash>`: the salt and the cost parameters travel with the hash. */
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('people_email_lower_uq').on(sql`lower(${t.email})`)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: authRole('role').notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_grants_person_role_structure_uq').on(t.personId, t.role, t.structureId),
    index('role_grants_structure_idx').on(t.structureId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the cookie value; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** Bound to this session; forms posted while logged in must carry it. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull(),
    /** Slides forward on use, never beyond the absolute lifetime counted from `createdAt`. */
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    revokedAt: at('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_uq').on(t.tokenHash),
    index('sessions_person_idx').on(t.personId),
    index('sessions_expires_at_idx').on(t.expiresAt),
  ],
);

/** What a throttle counts: person logins, OAuth client secrets, technical-account passwords of the Chorus mirror. */
export const authThrottleKinds = ['login', 'client_secret', 'technical_account'] as const;
export const authThrottleKind = pgEnum('auth_throttle_kind', authThrottleKinds);

/**
 * Attempts since the last success, per identity (normalised e-mail, client id, technical login; known or not, so
 * answers reveal nothing) and source address: a stranger's failures never lock the person out from elsewhere.
 * An attempt is counted before its slow check, under this row's lock.
 */
export const authThrottles = pgTable(
  'auth_throttles',
  {
    kind: authThrottleKind('kind').notNull(),
    identityKey: text('identity_key').notNull(),
    /** The peer address (IPv6 by its /64), or `inconnue` when the server saw none. */
    sourceKey: text('source_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: at('last_attempt_at').notNull(),
    /** Attempts before this instant are refused without checking the secret. */
    blockedUntil: at('blocked_until'),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.identityKey, t.sourceKey] }),
    check('auth_throttles_attempts_positive', sql`${t.attempts} >= 0`),
  ],
);

/** Single-use links "Débloquer mon compte" sent when a person's logins are blocked; only a hash of the token is kept. */
export const loginUnlocks = pgTable(
  'login_unlocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the token in the link. */
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('login_unlocks_token_hash_uq').on(t.tokenHash), index('login_unlocks_person_idx').on(t.personId)],
);

export const apiClients = pgTable(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The public OAuth2 `client_id`. */
    clientId: text('client_id').notNull(),
    /** Same scrypt format as people's passwords. */
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    /** The structure this client acts for (usually a supplier company). */
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    /** Scopes the client may ask for; a token request without `scope` gets all of them. */
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`array['openid']::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('api_clients_client_id_uq').on(t.clientId), index('api_clients_structure_idx').on(t.structureId)],
);

export const apiClientGrants = pgTable(
  'api_client_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    role: authRole('role').notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('api_client_grants_client_role_structure_uq').on(t.apiClientId, t.role, t.structureId)],
);

export const accessTokens = pgTable(
  'access_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the opaque bearer token. */
    tokenHash: text('token_hash').notNull(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    /** Space-separated, as granted. */
    scope: text('scope').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('access_tokens_token_hash_uq').on(t.tokenHash),
    index('access_tokens_expires_at_idx').on(t.expiresAt),
  ],
);

export type Person = typeof people.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiClient = typeof apiClients.$inferSelect;
