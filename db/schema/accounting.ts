// Accounting flows to the treasury (Hélios PES V2): each deposited PES Aller, the daily wire counters, the files
// the treasury sends back, the invoices a mandate pays, and each structure's treasury settings.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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
import { structures } from './directory.ts';
import { storedFiles } from './files.ts';
import { invoices } from './invoices.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Repeats PES_FLOW_STATUSES of src/accounting/domain/statuses.ts (a test keeps the two equal). */
export const pesFlowStatuses = [
  'NON_CONFORME',
  'POSTE',
  'ATTENTE',
  'TRANSMIS',
  'ACQUITTE',
  'INFORMATION_DISPONIBLE',
  'REFUSE',
  'ERREUR',
] as const;
export const pesFlowStatus = pgEnum('pes_flow_status', pesFlowStatuses);

export const pesDepositChannels = ['page', 'api', 's2low', 'billing'] as const;
export const pesDepositChannel = pgEnum('pes_deposit_channel', pesDepositChannels);

export const pesFlows = pgTable(
  'pes_flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The number S²LOW-compatible clients know the flow by (helios_transac_get_status?transaction=…). */
    transactionNumber: bigserial('transaction_number', { mode: 'number' }).notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    /** Enveloppe/Parametres/NomFic; empty when the file could not be read that far. */
    nomFic: text('nom_fic').notNull(),
    status: pesFlowStatus('status').notNull(),
    channel: pesDepositChannel('channel').notNull(),
    originalFileId: uuid('original_file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** The file as sent: invoices' originals embedded, bordereaux signed. */
    sentFileId: uuid('sent_file_id').references(() => storedFiles.id),
    /** PESALR2_{SIRET}_{yymmdd}_{NNN}.xml, allocated once. */
    wireName: text('wire_name'),
    idColl: text('id_coll').notNull().default(''),
    idPost: text('id_post').notNull().default(''),
    codCol: text('cod_col').notNull().default(''),
    codBud: text('cod_bud').notNull().default(''),
    summary: jsonb('summary'),
    /** The hub's refusal, or the acknowledgement's errors, each at its place. */
    issues: jsonb('issues')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Mandate lines no invoice of the hub matched, for the accountant. */
    unmatched: jsonb('unmatched')
      .notNull()
      .default(sql`'[]'::jsonb`),
    signRequested: boolean('sign_requested').notNull().default(false),
    /** When the hub signed the file's unsigned bordereaux with the structure's identity (the file sent). */
    hubSignedAt: at('hub_signed_at'),
    workflowId: text('workflow_id').notNull(),
    ackReturnId: uuid('ack_return_id'),
    depositedBy: text('deposited_by').notNull(),
    alarmRaisedAt: at('alarm_raised_at'),
    transmittedAt: at('transmitted_at'),
    acknowledgedAt: at('acknowledged_at'),
    statusChangedAt: at('status_changed_at').notNull().defaultNow(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pes_flows_transaction_uq').on(t.transactionNumber),
    uniqueIndex('pes_flows_nom_fic_uq')
      .on(t.structureId, t.nomFic)
      .where(sql`${t.status} <> 'NON_CONFORME'`),
    uniqueIndex('pes_flows_wire_name_uq').on(t.wireName),
    index('pes_flows_structure_idx').on(t.structureId, t.createdAt),
    index('pes_flows_status_idx').on(t.status, t.statusChangedAt),
  ],
);

/** The daily order number of the wire name, per SIRET and Paris day: allocated once, never reused. */
export const pesWireCounters = pgTable(
  'pes_wire_counters',
  {
    siret: text('siret').notNull(),
    /** yymmdd, Paris day. */
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siret, t.day] })],
);

/** Repeats PES_RETURN_KINDS of src/accounting/domain/statuses.ts. */
export const pesReturnKinds = ['ACQUIT', 'NON_ACQUIT', 'RETOUR', 'INCONNU'] as const;
export const pesReturnKind = pgEnum('pes_return_kind', pesReturnKinds);

export const pesReturns = pgTable(
  'pes_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The id S²LOW-compatible clients read in helios_get_list. */
    number: bigserial('number', { mode: 'number' }).notNull(),
    kind: pesReturnKind('kind').notNull(),
    remoteName: text('remote_name').notNull(),
    sha256: text('sha256').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    flowId: uuid('flow_id').references(() => pesFlows.id),
    structureId: uuid('structure_id').references(() => structures.id),
    nomFic: text('nom_fic').notNull().default(''),
    idColl: text('id_coll').notNull().default(''),
    summary: jsonb('summary'),
    /** Why a return could not be attributed, in French. */
    problem: text('problem'),
    /** Marked read by helios_change_status. */
    readAt: at('read_at'),
    /** PES_ACQUIT_RETOUR sent back for a PES_Retour. */
    acknowledgedAt: at('acknowledged_at'),
    ackWireName: text('ack_wire_name'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pes_returns_number_uq').on(t.number),
    uniqueIndex('pes_returns_remote_uq').on(t.remoteName, t.sha256),
    index('pes_returns_flow_idx').on(t.flowId),
    index('pes_returns_structure_idx').on(t.structureId, t.kind, t.createdAt),
  ],
);

/** An invoice of the hub paid by a mandate line of a flow. */
export const pesInvoiceLinks = pgTable(
  'pes_invoice_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => pesFlows.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    exer: text('exer').notNull(),
    idBord: text('id_bord').notNull(),
    idPce: text('id_pce').notNull(),
    idLigne: text('id_ligne').notNull(),
    /** IdUnique of the PJ carrying the invoice's original (embedded by the hub, or already in the file). */
    pjIdUnique: text('pj_id_unique'),
    embedded: boolean('embedded').notNull().default(false),
    mandatedAt: at('mandated_at'),
    paidOn: text('paid_on'),
    /** Why the invoice could not be moved (its status allowed no mandate, or no payment), in French. */
    note: text('note'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pes_invoice_links_line_uq').on(t.flowId, t.exer, t.idBord, t.idPce, t.idLigne),
    index('pes_invoice_links_invoice_idx').on(t.invoiceId),
    index('pes_invoice_links_mandate_idx').on(t.structureId, t.exer, t.idBord, t.idPce),
  ],
);

export const treasuryTransports = ['ftp', 'ftps', 'sftp'] as const;
export const treasuryTransport = pgEnum('treasury_transport', treasuryTransports);

/** A structure's treasury settings: its routing destination and the certificate its ordonnateur signs with. */
export const treasuryAccounts = pgTable('treasury_accounts', {
  structureId: uuid('structure_id')
    .primaryKey()
    .references(() => structures.id),
  /** SITE P_DEST value for this structure; the deployment's default otherwise. */
  pDest: text('p_dest'),
  transport: treasuryTransport('transport').notNull().default('ftp'),
  /** Never written: the signing identity lives sealed in accounting_signing_identities. */
  signingCertificatePem: text('signing_certificate_pem'),
  signingKeyPem: text('signing_key_pem'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * The certificate and private key the hub signs a structure's bordereaux with, sealed (AES-256-GCM under
 * ACCOUNTING_SEAL_SECRET, bound to the structure); only what identifies the certificate is kept in clear.
 */
export const accountingSigningIdentities = pgTable('accounting_signing_identities', {
  structureId: uuid('structure_id')
    .primaryKey()
    .references(() => structures.id),
  sealed: text('sealed').notNull(),
  subject: text('subject').notNull(),
  issuer: text('issuer').notNull(),
  serialNumber: text('serial_number').notNull(),
  fingerprintSha256: text('fingerprint_sha256').notNull(),
  validFrom: at('valid_from').notNull(),
  validTo: at('valid_to').notNull(),
  setBy: text('set_by').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
