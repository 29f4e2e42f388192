// Paid or late, from the status the contribution's invoice reached in its lifecycle.
import { compareDates } from '../../platform/calendar/index.ts';

export const PAYMENT_STATES = ['PAID', 'LATE', 'PENDING', 'REJECTED', 'NOT_ISSUED'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  PAID: 'Payée',
  LATE: 'En retard',
  PENDING: 'À payer',
  REJECTED: 'Rejetée',
  NOT_ISSUED: 'Non déposée',
};

/** Paid once MISE_EN_PAIEMENT; late when unpaid after its due date (the due day itself is not late). */
export function paymentState(input: { invoiceStatus: string | null; dueDate: string; today: string }): PaymentState {
  if (input.invoiceStatus === null) return 'NOT_ISSUED';
  if (input.invoiceStatus === 'MISE_EN_PAIEMENT') return 'PAID';
  if (input.invoiceStatus === 'REJETEE') return 'REJECTED';
  return compareDates(input.today, input.dueDate) > 0 ? 'LATE' : 'PENDING';
}
