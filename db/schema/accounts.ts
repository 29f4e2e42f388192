// Accounts a person manages without the operator: password reset links, supplier self-registration awaiting the
// e-mail check, a company's administrators and the invitations they send. Only hashes of the links' tokens are kept.
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './auth.ts';
import { structures } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** "Mot de passe oublié": single-use links, valid one hour. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_uq').on(t.tokenHash),
    index('password_resets_person_idx').on(t.personId),
  ],
);

/** A supplier's registration, kept until its e-mail address is confirmed; the account is created then. */
export const supplierRegistrations = pgTable(
  'supplier_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** Same scrypt format as people's passwords: the password is never kept in clear, even while waiting. */
    passwordHash: text('password_hash').notNull(),
    siret: text('siret').notNull(),
    companyName: text('company_name').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** Set when the link was followed: the person and the company's structure then exist. */
    verifiedAt: at('verified_at'),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('supplier_registrations_token_hash_uq').on(t.tokenHash),
    index('supplier_registrations_siret_idx').on(t.siret),
  ],
);

/** People who manage a company's own users (invite, remove): the person who registered it, or one they named. */
export const companyAdmins = pgTable(
  'company_admins',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.structureId] }),
    index('company_admins_structure_idx').on(t.structureId),
  ],
);

/** An administrator's invitation of a person to act as supplier for the company: single-use, valid 7 days. */
export const companyInvitations = pgTable(
  'company_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    asAdmin: boolean('as_admin').notNull().default(false),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('company_invitations_token_hash_uq').on(t.tokenHash),
    index('company_invitations_structure_idx').on(t.structureId),
  ],
);
