// Owned by the directory module: structures (collectivities, EPCIs, the syndicat, suppliers),
// their establishments (SIRETs), their services, and EPCI membership.
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

export const structureKinds = [
  'region',
  'departement',
  'epci',
  'commune',
  'syndicat',
  'ccas_cias',
  'etablissement_public_sante',
  'ehpad_public',
  'oph',
  'etablissement_public',
  'supplier',
] as const;
export const structureKind = pgEnum('structure_kind', structureKinds);

/** Legal nature of an EPCI à fiscalité propre: communauté de communes, d'agglomération, urbaine, métropole. */
export const epciNatures = ['CC', 'CA', 'CU', 'METRO'] as const;
export const epciNature = pgEnum('epci_nature', epciNatures);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const structures = pgTable(
  'structures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: structureKind('kind').notNull(),
    name: text('name').notNull(),
    /** Lowercase, accents and punctuation removed, single spaces: what name search matches against. */
    searchName: text('search_name').notNull(),
    /** 9 digits; absent for a foreign supplier identified by its VAT number only. */
    siren: text('siren'),
    /** Foreign suppliers without a SIREN are identified by their intra-community VAT number. */
    vatNumber: text('vat_number'),
    /** INSEE code (COG) of a commune, département or région. */
    inseeCode: text('insee_code'),
    departementCode: text('departement_code'),
    population: integer('population'),
    epciNature: epciNature('epci_nature'),
    /** Chorus `codeServiceDoitEtreRenseigne`: an invoice must name one of the structure's services. */
    serviceCodeRequired: boolean('service_code_required').notNull().default(false),
    /** Chorus `numeroEJDoitEtreRenseigne`: an invoice must carry an engagement (purchase order) number. */
    engagementNumberRequired: boolean('engagement_number_required').notNull().default(false),
    /** Chorus `gestionNumeroEJOuCodeService`: a service code or an engagement number, at least one. */
    serviceCodeOrEngagementRequired: boolean('service_code_or_engagement_required').notNull().default(false),
    /**
     * Legal payment delay in force (décret 2013-269 art. 1, CCP R.2192-10/11), derived by the directory from the
     * kind (30 days, 50 for public hospitals) or the override; kept here so invoice queries read it directly.
     */
    paymentDelayDays: integer('payment_delay_days').notNull().default(30),
    /** A delay the operator set on the structure in place of the kind's legal one; null when the law's applies. */
    paymentDelayOverrideDays: integer('payment_delay_override_days'),
    /** The structure receives its invoices through Chorus Pro (the sync pushes them there). */
    receivesThroughChorus: boolean('receives_through_chorus').notNull().default(false),
    /**
     * The structure applies the 2026 reform's BR-FR rules as blocking to the invoices it receives (strict
     * profile); by default they are warnings, as Chorus Pro treats invoices to public buyers.
     */
    strictReformRules: boolean('strict_reform_rules').notNull().default(false),
    /** Fictitious structure created for demonstrations (demo suppliers). */
    demo: boolean('demo').notNull().default(false),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('structures_kind_siren_uq').on(t.kind, t.siren),
    index('structures_siren_idx').on(t.siren),
    // text_pattern_ops serves prefix LIKE whatever the database collation; substring search scans (a few thousand rows).
    index('structures_search_name_idx').on(t.searchName.op('text_pattern_ops')),
    index('structures_kind_departement_idx').on(t.kind, t.departementCode),
    index('structures_insee_code_idx').on(t.inseeCode),
    check('structures_siren_format', sql`${t.siren} is null or ${t.siren} ~ '^[0-9]{9}$'`),
    check('structures_epci_nature_only_for_epci', sql`${t.epciNature} is null or ${t.kind} = 'epci'`),
    check('structures_identified', sql`${t.siren} is not null or ${t.vatNumber} is not null`),
    check(
      'structures_payment_delay_override_range',
      sql`${t.paymentDelayOverrideDays} is null or ${t.paymentDelayOverrideDays} between 1 and 60`,
    ),
  ],
);

export const establishments = pgTable(
  'establishments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    siret: text('siret').notNull(),
    main: boolean('main').notNull().default(false),
    /** Computed from the SIREN (NIC 0001 + Luhn key) rather than known from a register. */
    derived: boolean('derived').notNull().default(false),
    label: text('label'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('establishments_siret_uq').on(t.siret),
    index('establishments_structure_idx').on(t.structureId),
    uniqueIndex('establishments_one_main_uq')
      .on(t.structureId)
      .where(sql`${t.main}`),
    check('establishments_siret_format', sql`${t.siret} ~ '^[0-9]{14}$'`),
  ],
);

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    label: text('label').notNull(),
    active: boolean('active').notNull().default(true),
    /** Chorus service flag: invoices to this service must carry an engagement number. */
    engagementNumberRequired: boolean('engagement_number_required').notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('services_structure_code_uq').on(t.structureId, t.code)],
);

export const epciMembers = pgTable(
  'epci_members',
  {
    epciId: uuid('epci_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    communeId: uuid('commune_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.epciId, t.communeId] }),
    // A commune belongs to exactly one EPCI à fiscalité propre.
    uniqueIndex('epci_members_commune_uq').on(t.communeId),
  ],
);

export type StructureRow = typeof structures.$inferSelect;
export type EstablishmentRow = typeof establishments.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
