/**
 * Value lists of the French e-invoicing rules (FNFE-MPE BR-FR-Flux2 rules, version 1.4.0, 2026-06-30;
 * standard XP Z12-012).
 */

/** BR-FR-04: invoice type codes (BT-3) allowed in France. */
export const FR_TYPE_CODES: ReadonlySet<string> = new Set(
  '380 389 393 501 386 500 384 471 472 473 261 262 381 396 502 503'.split(' '),
);

/** BR-FR-08: billing frames (BT-23). */
export const FR_BILLING_FRAMES: ReadonlySet<string> = new Set(
  'B1 S1 M1 B2 S2 M2 S3 B4 S4 M4 S5 S6 B7 S7 B8 S8 M8 B9 S9 M9'.split(' '),
);

/** BR-FR-20: values of the BAR note (processing of the invoice). */
export const FR_BAR_VALUES: ReadonlySet<string> = new Set([
  'B2B',
  'B2BINT',
  'B2C',
  'B2CINT',
  'OUTOFSCOPE',
  'ARCHIVEONLY',
]);

/** BR-FR-15: VAT category codes relevant in France. */
export const FR_VAT_CATEGORIES: ReadonlySet<string> = new Set(['S', 'E', 'AE', 'K', 'G', 'O', 'Z']);

/** BR-FR-16: VAT rates (lexical forms) allowed in France, mainland, overseas departments and Corsica, current and past. */
export const FR_VAT_RATES: ReadonlySet<string> = new Set([
  '0',
  '0.0',
  '0.00',
  '10',
  '10.0',
  '10.00',
  '13',
  '13.0',
  '13.00',
  '20',
  '20.0',
  '20.00',
  '8.5',
  '8.50',
  '19.6',
  '19.60',
  '2.1',
  '2.10',
  '5.5',
  '5.50',
  '7',
  '7.0',
  '7.00',
  '20.6',
  '20.60',
  '1.05',
  '0.9',
  '0.90',
  '1.75',
  '9.2',
  '9.20',
  '9.6',
  '9.60',
]);

/** BR-FR-05 / BR-FR-06: note subjects required (PMT, PMD, AAB) and allowed at most once (plus TXD). */
export const FR_REQUIRED_NOTE_SUBJECTS: readonly string[] = ['PMT', 'PMD', 'AAB'];
export const FR_SINGLE_NOTE_SUBJECTS: readonly string[] = ['PMT', 'PMD', 'AAB', 'TXD'];

/**
 * Chorus Pro billing frames ("cadres de facturation") A1 to A25, as short codes (`A1`) or as the API names them
 * (`A1_FACTURE_FOURNISSEUR`, `A9_FACTURE_SOUSTRAITANT`…). Chorus Pro applies them to public buyers; the 2026
 * reform replaces them by B1/S1/M1… (BR-FR-08), which the 'b2g' profile accepts as well.
 */
export const CHORUS_BILLING_FRAME = /^A([1-9]|1[0-9]|2[0-5])(_[A-Z0-9_]+)?$/;

/** The Peppol BIS Billing 3.0 business process (BT-23), which Chorus Pro receives from Peppol senders. */
export const PEPPOL_BILLING_PROCESS = /^urn:fdc:peppol\.eu:2017:poacc:billing:\d\d:1\.0$/;
