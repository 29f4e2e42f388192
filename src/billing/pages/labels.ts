// French labels of the billing pages.
export { LINE_OUTCOME_LABELS, RUN_STATUS_LABELS } from '../domain/outcomes.ts';
export { PAYMENT_STATE_LABELS } from '../domain/payment-state.ts';
export { VAT_REGIME_LABELS } from '../domain/vat.ts';
