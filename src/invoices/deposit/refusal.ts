// Why a deposit was refused: a stable code, a French message, and the violations when validation refused it.
import type { AmountMismatch } from '../../../formats/index.ts';
import type { RecipientServices, RoutingRefusalCode } from '../routing.ts';

export type { RecipientServices };

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
  /** XPath, for software; people read the business term and the invoice line. */
  path: string;
  message: string;
  /** The invoice line (BG-25) the finding sits in, 1-based; absent for the header. */
  line?: number;
  /** Sum rules (BR-CO-10 … BR-CO-17): the amount found and the amount EN 16931 computes. */
  amounts?: AmountMismatch;
}

export interface DepositRefusal {
  code: DepositRefusalCode;
  message: string;
  violations?: ReportedViolation[];
  /** DUPLICATE_INVOICE: the invoice already deposited under this number. */
  existingInvoiceId?: string;
  /** A service code missing, unknown or inactive: the recipient's active services, to choose from. */
  recipientServices?: RecipientServices;
}

/** What a refusal keeps beside its code, message and violations (the `refusal_details` of its deposit row). */
export type RefusalDetails = Pick<DepositRefusal, 'existingInvoiceId' | 'recipientServices'>;

export function refusalDetailsOf(refusal: DepositRefusal): RefusalDetails | null {
  const details: RefusalDetails = {
    ...(refusal.existingInvoiceId === undefined ? {} : { existingInvoiceId: refusal.existingInvoiceId }),
    ...(refusal.recipientServices === undefined ? {} : { recipientServices: refusal.recipientServices }),
  };
  return Object.keys(details).length > 0 ? details : null;
}

/** The Chorus Pro wording for a number already used by the same supplier in the same year. */
export const DUPLICATE_MESSAGE =
  'Vous avez déjà déposé une demande de paiement avec ce numéro de facture pour cette structure';
