// The Chorus Pro invoice statuses, kept as Chorus names them. db/schema/invoices.ts declares the same list for its
// enum (db/ knows no module); statuses.test.ts keeps the two equal.

export const INVOICE_STATUSES = [
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

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const isInvoiceStatus = (value: string): value is InvoiceStatus =>
  (INVOICE_STATUSES as readonly string[]).includes(value);

/** The statuses in which an invoice waits for its buyer (the accountant's "à traiter"). */
export const OPEN_FOR_BUYER: readonly InvoiceStatus[] = [
  'MISE_A_DISPOSITION',
  'COMPLETEE',
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
];
