// Owned by the billing module: the contribution grid, the products and their VAT regime, the members beyond the
// directory's EPCIs, the yearly runs, one contribution per member and year, its number sequence, the PES files.
import { sql } from 'drizzle-orm';
import {
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
import { pesFlows } from './accounting.ts';
import { blobs } from './blobs.ts';
import { invoices } from './invoices.ts';
import { structures } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });
const money = (name: string) => numeric(name, { precision: 14, scale: 2 });

/** VAT regimes of a product (research note tenders-and-billing §8.3); src/billing/domain/vat.ts repeats them. */
export const billingVatRegimes = ['HORS_CHAMP', 'TVA_20'] as const;
export const billingVatRegime = pgEnum('billing_vat_regime', billingVatRegimes);

/** Outcome of a member in a run; src/billing/domain/outcomes.ts repeats them. */
export const billingLineOutcomes = ['PLANNED', 'ISSUED', 'ALREADY_ISSUED', 'BLOCKED'] as const;
export const billingLineOutcome = pgEnum('billing_line_outcome', billingLineOutcomes);

export const billingRunStatuses = ['PENDING', 'RUNNING', 'DONE', 'FAILED'] as const;
export const billingRunStatus = pgEnum('billing_run_status', billingRunStatuses);

/** One tier of the grid: members whose population lies in [min, max] pay `amount`, for the validity dates. */
export const billingTiers = pgTable(
  'billing_tiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    label: text('label').notNull(),
    minPopulation: integer('min_population').notNull(),
    /** Inclusive; null for the last, open tier. */
    maxPopulation: integer('max_population'),
    amount: money('amount').notNull(),
    validFrom: day('valid_from').notNull(),
    /** Inclusive; null while in force. */
    validTo: day('valid_to'),
    /** The grid seeded by the hub, to replace by the deliberation's. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'billing_tiers_bounds',
      sql`${t.minPopulation} >= 0 and (${t.maxPopulation} is null or ${t.maxPopulation} >= ${t.minPopulation})`,
    ),
    check('billing_tiers_amount', sql`${t.amount} >= 0`),
    check('billing_tiers_validity', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** What the syndicat invoices, with its VAT regime: never two regimes in one invoice. */
export const billingProducts = pgTable('billing_products', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  vatRegime: billingVatRegime('vat_regime').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/**
 * A member's own terms: for an EPCI of the directory (a member by default) its joining or leaving date and its
 * invoice references; for any other structure its membership itself, with its own amount.
 */
export const billingMembers = pgTable(
  'billing_members',
  {
    structureId: uuid('structure_id')
      .primaryKey()
      .references(() => structures.id),
    joinedOn: day('joined_on'),
    leftOn: day('left_on'),
    /** A yearly amount of its own in place of the grid's (required for a member that is not an EPCI). */
    amount: money('amount'),
    productCode: text('product_code')
      .notNull()
      .default('COTISATION')
      .references(() => billingProducts.code),
    serviceCode: text('service_code'),
    engagementNumber: text('engagement_number'),
    /** False: an EPCI the syndicat does not bill (not a member). */
    member: boolean('member').notNull().default(true),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('billing_members_dates', sql`${t.leftOn} is null or ${t.joinedOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
    check('billing_members_amount', sql`${t.amount} is null or ${t.amount} >= 0`),
  ],
);

export const billingRuns = pgTable(
  'billing_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: billingRunStatus('status').notNull().default('PENDING'),
    /** `person:<id>`, `client:<id>` or `system:billing-run`. */
    requestedBy: text('requested_by').notNull(),
    issueDate: day('issue_date').notNull(),
    failure: text('failure'),
    createdAt: at('created_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('billing_runs_year_idx').on(t.year, t.createdAt)],
);

/** One contribution per member and year: the unique index is what makes a second run issue nothing. */
export const billingContributions = pgTable(
  'billing_contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    runId: uuid('run_id')
      .notNull()
      .references(() => billingRuns.id),
    /** Position in the year's chronological sequence (COT-2027-00001 is 1). */
    sequence: integer('sequence').notNull(),
    number: text('number').notNull(),
    issueDate: day('issue_date').notNull(),
    dueDate: day('due_date').notNull(),
    /** Facts the amount was computed from, kept as they were on the day. */
    line: jsonb('line').notNull(),
    amount: money('amount').notNull(),
    vatAmount: money('vat_amount').notNull(),
    totalAmount: money('total_amount').notNull(),
    vatRegime: billingVatRegime('vat_regime').notNull(),
    tierLabel: text('tier_label'),
    ublSha256: text('ubl_sha256').references(() => blobs.sha256),
    facturxSha256: text('facturx_sha256').references(() => blobs.sha256),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** Bordereau of the PES Aller that carries its title of receipt. */
    pesBordereau: integer('pes_bordereau'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('billing_contributions_member_year_uq').on(t.structureId, t.year),
    uniqueIndex('billing_contributions_number_uq').on(t.number),
    uniqueIndex('billing_contributions_year_sequence_uq').on(t.year, t.sequence),
  ],
);

/** The last number used in each year's sequence. */
export const billingSequences = pgTable('billing_sequences', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** What a run did for each member (a dry run only plans). */
export const billingRunLines = pgTable(
  'billing_run_lines',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => billingRuns.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    memberName: text('member_name').notNull(),
    outcome: billingLineOutcome('outcome').notNull(),
    tierLabel: text('tier_label'),
    amount: money('amount'),
    totalAmount: money('total_amount'),
    line: jsonb('line'),
    contributionId: uuid('contribution_id').references(() => billingContributions.id),
    /** Why a member could not be billed (French, shown to the operator). */
    message: text('message'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.structureId] })],
);

/** One PES Aller (PES_RecetteAller) per bordereau: the titles of receipt a run issued. */
export const billingPesFiles = pgTable(
  'billing_pes_files',
  {
    year: integer('year').notNull(),
    bordereau: integer('bordereau').notNull(),
    runId: uuid('run_id')
      .notNull()
      .references(() => billingRuns.id),
    nomFic: text('nom_fic').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    titles: integer('titles').notNull(),
    totalAmount: money('total_amount').notNull(),
    /** The accounting flow this file was deposited as (handed to the treasury), once handed. */
    pesFlowId: uuid('pes_flow_id').references(() => pesFlows.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.year, t.bordereau] }), uniqueIndex('billing_pes_files_run_uq').on(t.runId)],
);

/** Reminders sent for a contribution, once each (`before:10`, `after:15`). */
export const billingReminders = pgTable(
  'billing_reminders',
  {
    contributionId: uuid('contribution_id')
      .notNull()
      .references(() => billingContributions.id),
    kind: text('kind').notNull(),
    sentAt: at('sent_at').notNull().defaultNow(),
    emails: integer('emails').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contributionId, t.kind] })],
);

export type BillingTierRow = typeof billingTiers.$inferSelect;
export type BillingMemberRow = typeof billingMembers.$inferSelect;
export type BillingContributionRow = typeof billingContributions.$inferSelect;
