// Chorus Pro, both faces. Mirror: technical accounts of Chorus-compatible clients, the fluxes they deposit,
// and the integer ids Chorus clients expect. Sync: connections to the real portal, push intents and their
// outcome, invoices pulled, and credential health.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { apiClients } from './auth.ts';
import { services, structures } from './directory.ts';
import { blobs } from './blobs.ts';
import { deposits, invoices } from './invoices.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Side a technical account acts for: a supplier deposits, a recipient processes what it receives. */
export const chorusAccountRoles = ['supplier', 'accountant'] as const;
export const chorusAccountRole = pgEnum('chorus_account_role', chorusAccountRoles);

/**
 * Mirror: a technical account ("utilisateur technique", login `TECH_1_…@cpro.fr`) bound to one structure,
 * presented in the `cpro-account` header. Only the scrypt hash of its password is kept.
 */
export const chorusTechnicalAccounts = pgTable(
  'chorus_technical_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    passwordHash: text('password_hash').notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    role: chorusAccountRole('role').notNull(),
    /** The account may call the API; without it every call answers 403 with an empty body, as PISTE does. */
    apiEnabled: boolean('api_enabled').notNull().default(true),
    /** Chorus forces a new technical password every 424 days. */
    passwordExpiresAt: at('password_expires_at').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chorus_technical_accounts_login_uq').on(sql`lower(${t.login})`),
    index('chorus_technical_accounts_structure_idx').on(t.structureId),
  ],
);

/**
 * Mirror: the API clients (PISTE applications) allowed to use a technical account, as Chorus Pro's "raccordement"
 * binds an application to a structure. A token of any other client presented with this account is refused (403).
 */
export const chorusTechnicalAccountClients = pgTable(
  'chorus_technical_account_clients',
  {
    technicalAccountId: uuid('technical_account_id')
      .notNull()
      .references(() => chorusTechnicalAccounts.id, { onDelete: 'cascade' }),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.technicalAccountId, t.apiClientId] }),
    index('chorus_technical_account_clients_client_idx').on(t.apiClientId),
  ],
);

/** Kinds of hub objects that carry a Chorus integer id. */
export const chorusIdKinds = ['structure', 'service', 'invoice'] as const;
export const chorusIdKind = pgEnum('chorus_id_kind', chorusIdKinds);

/**
 * Mirror: the integer ids Chorus clients use (`idStructureCPP`, `idService`, `identifiantFactureCPP`/`idFacture`),
 * given from one sequence the first time an object is shown, and stable afterwards.
 */
export const chorusIds = pgTable(
  'chorus_ids',
  {
    cppId: integer('cpp_id').primaryKey().generatedByDefaultAsIdentity({ startWith: 1000 }),
    kind: chorusIdKind('kind').notNull(),
    hubId: uuid('hub_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chorus_ids_kind_hub_uq').on(t.kind, t.hubId)],
);

/** Mirror: one deposited flux; its number is "CPP" + `sequence` on 22 digits. */
export const chorusMirrorFluxes = pgTable(
  'chorus_mirror_fluxes',
  {
    sequence: bigint('sequence', { mode: 'number' })
      .primaryKey()
      .generatedByDefaultAsIdentity({ startWith: 11110000000001 }),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => structures.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => chorusTechnicalAccounts.id),
    syntaxeFlux: text('syntaxe_flux').notNull(),
    fileName: text('file_name').notNull(),
    /** Reasons the flux as a whole could not be read (`listeErreurTechnique`), empty when it was. */
    technicalErrors: jsonb('technical_errors')
      .notNull()
      .default(sql`'[]'::jsonb`),
    depositedAt: at('deposited_at').notNull().defaultNow(),
  },
  (t) => [index('chorus_mirror_fluxes_supplier_idx').on(t.supplierId, t.depositedAt)],
);

/** Mirror: each invoice of a flux, with the hub deposit it became (accepted or refused). */
export const chorusMirrorFluxItems = pgTable(
  'chorus_mirror_flux_items',
  {
    fluxSequence: bigint('flux_sequence', { mode: 'number' })
      .notNull()
      .references(() => chorusMirrorFluxes.sequence),
    position: integer('position').notNull(),
    fileName: text('file_name').notNull(),
    /** The hub deposit; absent when the file was refused before it (not the syntax the flux announced). */
    depositId: uuid('deposit_id').references(() => deposits.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** For a refused invoice: its number when it could be read, and the reason (`listeErreurDP`). */
    invoiceNumber: text('invoice_number'),
    /** The recipient SIRET the invoice names, when it could be read (`identifiantDestinataire`). */
    buyerIdentifier: text('buyer_identifier'),
    refusalMessage: text('refusal_message'),
  },
  (t) => [
    uniqueIndex('chorus_mirror_flux_items_uq').on(t.fluxSequence, t.position),
    index('chorus_mirror_flux_items_invoice_idx').on(t.invoiceId),
  ],
);

/**
 * Mirror: a PDF a supplier's account deposited with `deposer/pdf`, waiting for `soumettre` (mode DEPOT_PDF_API)
 * to become an invoice. Its id is the `pieceJointeId` Chorus answers.
 */
export const chorusMirrorPdfUploads = pgTable(
  'chorus_mirror_pdf_uploads',
  {
    pieceJointeId: integer('piece_jointe_id').primaryKey().generatedByDefaultAsIdentity({ startWith: 7000 }),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => structures.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => chorusTechnicalAccounts.id),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    fileName: text('file_name').notNull(),
    /** `formatDepot` as sent (PDF_NON_SIGNE, PDF_SIGNE_PADES…). */
    formatDepot: text('format_depot').notNull(),
    /** The invoice `soumettre` made of it; a PDF is submitted once. */
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('chorus_mirror_pdf_uploads_supplier_idx').on(t.supplierId)],
);

/** Mirror: how an invoice entered through `soumettre` (`modeDepot` SAISIE_API or DEPOT_PDF_API), and by which account. */
export const chorusMirrorSubmissions = pgTable('chorus_mirror_submissions', {
  invoiceId: uuid('invoice_id')
    .primaryKey()
    .references(() => invoices.id),
  modeDepot: text('mode_depot').notNull(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => chorusTechnicalAccounts.id),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Mirror: invoices a recipient downloaded (`telecharger/groupe`), for the filter `factureTelechargeeParDestinataire`. */
export const chorusMirrorDownloads = pgTable(
  'chorus_mirror_downloads',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    downloadedAt: at('downloaded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chorus_mirror_downloads_uq').on(t.invoiceId, t.structureId)],
);

/** Sync: a hub structure connected to the real Chorus Pro through its own technical account. */
export const chorusConnections = pgTable('chorus_connections', {
  structureId: uuid('structure_id')
    .primaryKey()
    .references(() => structures.id, { onDelete: 'cascade' }),
  /** Technical login; the password is read from the environment variable named here, never stored. */
  login: text('login').notNull(),
  passwordEnv: text('password_env').notNull(),
  /** `idStructureCPP` of the structure on the real portal. */
  remoteStructureId: integer('remote_structure_id'),
  passwordExpiresAt: at('password_expires_at'),
  /** Pull watermark: `dateHeureEtatCourant` of the newest change already pulled. */
  pulledUntil: text('pulled_until'),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const chorusPushStates = ['intent', 'deposited', 'integrated', 'rejected'] as const;
export const chorusPushState = pgEnum('chorus_push_state', chorusPushStates);

/**
 * Sync: a hub invoice pushed to the real Chorus Pro. The intent row is written before the deposit, so a
 * retry after a crash knows a deposit may have happened and searches before depositing again.
 */
export const chorusPushes = pgTable(
  'chorus_pushes',
  {
    invoiceId: uuid('invoice_id')
      .primaryKey()
      .references(() => invoices.id),
    state: chorusPushState('state').notNull().default('intent'),
    attempts: integer('attempts').notNull().default(0),
    numeroFluxDepot: text('numero_flux_depot'),
    /** CR state last read (`etatCourantDepotFlux`). */
    fluxState: text('flux_state'),
    remoteInvoiceId: integer('remote_invoice_id'),
    remoteStatus: text('remote_status'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chorus_pushes_flux_uq').on(t.numeroFluxDepot),
    check('chorus_pushes_flux_format', sql`${t.numeroFluxDepot} is null or ${t.numeroFluxDepot} ~ '^CPP[0-9]{22}$'`),
  ],
);

/** Sync: a recipient decision made in the hub and sent to Chorus with `traiter/recue`, once per event. */
export const chorusDecisionPushes = pgTable(
  'chorus_decision_pushes',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    eventSequence: integer('event_sequence').notNull(),
    status: text('status').notNull(),
    sentAt: at('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('chorus_decision_pushes_uq').on(t.invoiceId, t.eventSequence)],
);

/** Sync: an invoice seen on the real Chorus Pro for a connected recipient. */
export const chorusPulledInvoices = pgTable(
  'chorus_pulled_invoices',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    remoteInvoiceId: integer('remote_invoice_id').notNull(),
    numeroFacture: text('numero_facture').notNull(),
    remoteStatus: text('remote_status').notNull(),
    remoteChangedAt: text('remote_changed_at'),
    /** The hub invoice it became, once its original was downloaded and deposited. */
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    serviceId: uuid('service_id').references(() => services.id),
    /** Why it could not be brought into the hub (unknown supplier, refused deposit…). */
    lastError: text('last_error'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chorus_pulled_invoices_uq').on(t.structureId, t.remoteInvoiceId)],
);

export const chorusCredentialProblems = [
  'token_refused',
  'account_refused',
  'api_forbidden',
  'password_expiring',
] as const;

/** Sync: last known health of the credentials used towards the real portal, per connection (or the hub's own). */
export const chorusCredentialHealth = pgTable('chorus_credential_health', {
  /** `piste` for the OAuth client, or the technical login. */
  subject: text('subject').primaryKey(),
  ok: boolean('ok').notNull(),
  problem: text('problem', { enum: chorusCredentialProblems }),
  detail: text('detail'),
  checkedAt: at('checked_at').notNull().defaultNow(),
});

export type ChorusTechnicalAccountRow = typeof chorusTechnicalAccounts.$inferSelect;
export type ChorusPushRow = typeof chorusPushes.$inferSelect;
