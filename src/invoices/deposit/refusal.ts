// Why a deposit was refused: a stable code, a French message, and the violations when validation refused it.
import type { RoutingRefusalCode } from '../routing.ts';

export type DepositRefusalCode =
  | 'INVALID_FILE'
  | 'VALUE_TOO_LONG'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'VALIDATION_FAILED'
  | 'SELLER_MISMATCH'
  | RoutingRefusalCode
  | 'DUPLICATE_INVOICE';

/** One finding, as stored with a refused deposit and in an invoice's validation report. */
export interface ReportedViolation {
  rule: string;
  severity: 'fatal' | 'warning';
  bt: string;
  path: string;
  message: string;
}

export interface DepositRefusal {
  code: DepositRefusalCode;
  message: string;
  violations?: ReportedViolation[];
  /** DUPLICATE_INVOICE: the invoice already deposited under this number. */
  existingInvoiceId?: string;
}

/** The Chorus Pro wording for a number already used by the same supplier in the same year. */
export const DUPLICATE_MESSAGE =
  'Vous avez déjà déposé une demande de paiement avec ce numéro de facture pour cette structure';
