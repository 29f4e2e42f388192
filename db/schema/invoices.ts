// Invoices: each deposit attempt, the invoices accepted, their append-only status events, and notifications.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { blobs } from './blobs.ts';
import { services, structures } from './directory.ts';

/** Chorus Pro status codes of a simple (A1) invoice, kept as Chorus spells them. */
export const invoiceStatuses = [
  'DEPOSEE',
  'EN_COURS_ACHEMINEMENT',
  'MISE_A_DISPOSITION',
  'SERVICE_FAIT',
  'SUSPENDUE',
  'COMPLETEE',
  'A_RECYCLER',
  'REJETEE',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
] as const;
export const invoiceStatus = pgEnum('invoice_status', invoiceStatuses);

export const invoiceSyntaxes = ['UBL', 'CII', 'FACTURX'] as const;
export const invoiceSyntax = pgEnum('invoice_syntax', invoiceSyntaxes);

/** `form`: the invoice typed in the portal's form; `pdf_data`: the supplier's own PDF with the data typed beside it. */
export const depositChannels = [
  'api',
  'web',
  'import',
  'chorus_mirror',
  'chorus_sync',
  'billing',
  'form',
  'pdf_data',
] as const;
export const depositChannel = pgEnum('deposit_channel', depositChannels);

export const depositOutcomes = ['accepted', 'refused'] as const;
export const depositOutcome = pgEnum('deposit_outcome', depositOutcomes);

/** `refusal_details` of a refused deposit (written by src/invoices/deposit/refusal.ts). */
export interface DepositRefusalDetails {
  existingInvoiceId?: string;
  recipientServices?: {
    buyer: { id: string; name: string; siret: string };
    services: { code: string; label: string; engagementNumberRequired: boolean }[];
  };
}

const at = (name: string) => timestamp(name, { withTimezone: true });
const money = (name: string) => numeric(name, { precision: 19, scale: 2 });

/**
 * Every deposit attempt, accepted or refused, with the original it carried: nothing accepted is lost, and a bulk
 * import recognises files already sent by their hash. A refused original past the supplier's quota
 * (src/invoices/deposit/refused-quota.ts) is not kept: the attempt, its report, hash and size still are.
 */
export const deposits = pgTable(
  'deposits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => structures.id),
    /** SHA-256 of the deposited bytes, kept or not. */
    originalSha256: text('original_sha256').notNull(),
    /** Size of the deposited bytes (the migration filled it in for older rows from their blobs). */
    originalSize: bigint('original_size', { mode: 'number' }),
    /** False when a refused deposit's original was not kept; the reason is then a code (REFUSED_ORIGINALS_QUOTA). */
    originalKept: boolean('original_kept').notNull().default(true),
    originalNotKeptReason: text('original_not_kept_reason'),
    /** The original in `blobs` when kept, else null: its foreign key keeps every kept original stored. */
    keptOriginalSha256: text('kept_original_sha256')
      .generatedAlwaysAs(sql`case when original_kept then original_sha256 end`)
      .references(() => blobs.sha256),
    fileName: text('file_name'),
    channel: depositChannel('channel').notNull(),
    outcome: depositOutcome('outcome').notNull(),
    /** Refusal code (VALIDATION_FAILED, UNKNOWN_RECIPIENT, DUPLICATE_INVOICE, …) and French reason. */
    refusalCode: text('refusal_code'),
    refusalMessage: text('refusal_message'),
    /** Violations when validation refused it, as `{rule, severity, bt, path, message}[]`. */
    violations: jsonb('violations'),
    /** What else the supplier needs to fix a refused deposit: the existing invoice, the recipient's services. */
    refusalDetails: jsonb('refusal_details').$type<DepositRefusalDetails>(),
    invoiceId: uuid('invoice_id'),
    depositedBy: text('deposited_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('deposits_supplier_sha_idx').on(t.supplierId, t.originalSha256),
    index('deposits_invoice_idx').on(t.invoiceId),
    // The quota of refused originals reads a supplier's recent refused deposits whose original was kept.
    index('deposits_refused_kept_idx')
      .on(t.supplierId, t.createdAt)
      .where(sql`${t.outcome} = 'refused' and ${t.originalKept}`),
    check('deposits_original_not_kept_reason', sql`${t.originalKept} = (${t.originalNotKeptReason} is null)`),
    check('deposits_accepted_original_kept', sql`${t.outcome} = 'refused' or ${t.originalKept}`),
    // The supplier's deposit history, newest first.
    index('deposits_supplier_created_idx').on(t.supplierId, t.createdAt.desc()),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Supplier structure (owner on the supplier side). */
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => structures.id),
    /** BT-1, as issued by the supplier. */
    number: text('number').notNull(),
    /** Year of the issue date (BT-2): the Chorus duplicate rule is per supplier, number and year. */
    year: integer('year').notNull(),
    /** BT-3 (380 invoice, 381 credit note, …). */
    typeCode: text('type_code').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    /** BT-109, BT-110, BT-112, BT-115: decimals, never floats. */
    totalWithoutVat: money('total_without_vat').notNull(),
    totalVat: money('total_vat').notNull(),
    totalWithVat: money('total_with_vat').notNull(),
    amountDue: money('amount_due').notNull(),
    supplierName: text('supplier_name').notNull(),
    /** BT-29/BT-30 as sent (SIRET for French suppliers). */
    supplierIdentifier: text('supplier_identifier'),
    /** Recipient (owner on the buyer side): structure, service and the references that routed it. */
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => structures.id),
    buyerSiret: text('buyer_siret').notNull(),
    serviceId: uuid('service_id').references(() => services.id),
    /** BT-10, Chorus `codeServiceExecutant`. */
    serviceCode: text('service_code'),
    /** BT-13, Chorus `numeroEngagement`. */
    engagementNumber: text('engagement_number'),
    status: invoiceStatus('status').notNull().default('DEPOSEE'),
    statusChangedAt: at('status_changed_at').notNull().defaultNow(),
    /** Number of events recorded so far: the next event takes `eventCount + 1` (exactly-once writes). */
    eventCount: integer('event_count').notNull().default(0),
    syntax: invoiceSyntax('syntax').notNull(),
    originalSha256: text('original_sha256')
      .notNull()
      .references(() => blobs.sha256),
    /** Validation report at deposit (warnings only, since fatal violations refuse the deposit). */
    validationReport: jsonb('validation_report').notNull(),
    workflowId: text('workflow_id').notNull(),
    /** Legal payment clock (décret 2013-269). */
    madeAvailableAt: at('made_available_at'),
    legalDueAt: at('legal_due_at'),
    paidOn: date('paid_on', { mode: 'string' }),
    mandateNumber: text('mandate_number'),
    lateDays: integer('late_days'),
    lateInterest: money('late_interest'),
    lateIndemnity: money('late_indemnity'),
    lastMotive: text('last_motive'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    // The Chorus rule: one number per supplier and year. The database, not the workflow id, is the source of truth.
    uniqueIndex('invoices_supplier_number_year_uq').on(t.supplierId, t.number, t.year),
    uniqueIndex('invoices_workflow_id_uq').on(t.workflowId),
    index('invoices_buyer_status_due_idx').on(t.buyerId, t.status, t.legalDueAt),
    index('invoices_buyer_service_idx').on(t.buyerId, t.serviceId),
    index('invoices_supplier_created_idx').on(t.supplierId, t.createdAt),
    // The start relay's look-up: invoices no workflow has moved yet (a few at most, so the index stays tiny).
    index('invoices_unlaunched_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'DEPOSEE' and ${t.eventCount} = 1`),
    check('invoices_motive_length', sql`${t.lastMotive} is null or char_length(${t.lastMotive}) <= 255`),
  ],
);

/** Append-only: who moved the invoice, when, from which status to which, and why. */
export const invoiceEvents = pgTable(
  'invoice_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    /** 1, 2, 3… per invoice; unique, so a retried write cannot record the same step twice. */
    sequence: integer('sequence').notNull(),
    fromStatus: invoiceStatus('from_status'),
    toStatus: invoiceStatus('to_status').notNull(),
    /** `person:<uuid>`, `client:<id>` or `system`. */
    actor: text('actor').notNull(),
    actorName: text('actor_name').notNull(),
    motive: text('motive'),
    /** Mandate number, payment date, attachments, new routing… */
    data: jsonb('data'),
    occurredAt: at('occurred_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoice_events_invoice_sequence_uq').on(t.invoiceId, t.sequence),
    check('invoice_events_motive_length', sql`${t.motive} is null or char_length(${t.motive}) <= 255`),
  ],
);

/** In-app notifications, per structure (everyone acting for it sees them) or per person. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** Ties a notification to the event that caused it, so a retried activity notifies once. */
    eventKey: text('event_key').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    readAt: at('read_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_event_structure_uq').on(t.eventKey, t.structureId),
    index('notifications_structure_created_idx').on(t.structureId, t.createdAt),
  ],
);

/** E-mails to send; without SMTP configured they stay here and the UI shows them. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventKey: text('event_key').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sentAt: at('sent_at'),
    lastError: text('last_error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_outbox_event_to_uq').on(t.eventKey, t.toAddress)],
);

/**
 * The files of an invoice's events, named: the documents embedded in the deposited invoice (BG-24) and those a
 * supplier sends when completing a suspended invoice. Events reference them by hash; a file is served only
 * through an event of its invoice that references it.
 */
export const invoiceAttachments = pgTable(
  'invoice_attachments',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    addedBy: text('added_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.sha256] })],
);

/** Files a supplier uploaded while filling the invoice form: only its own may be embedded in its invoices. */
export const supplierUploads = pgTable(
  'supplier_uploads',
  {
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => structures.id),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.sha256] })],
);

/** Invoice forms saved before being sent, per supplier: the form as typed (JSON), resumed or deleted later. */
export const invoiceDrafts = pgTable(
  'invoice_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => structures.id),
    form: jsonb('form').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('invoice_drafts_supplier_updated_idx').on(t.supplierId, t.updatedAt)],
);

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceEventRow = typeof invoiceEvents.$inferSelect;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
