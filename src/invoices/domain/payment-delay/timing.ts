// Legal payment delays (décret 2013-269 art. 1 and 2).
import { addDays } from './payment-clock.ts';

/** Art. 1: the State, collectivities and their public establishments. */
export const DEFAULT_PAYMENT_DELAY_DAYS = 30;
/** Art. 1: public hospitals. */
export const PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS = 50;

/** Due date of an invoice received on `receivedOn` when no suspension occurred (art. 2: the delay runs from receipt). */
export function legalDueDate(receivedOn: string, delayDays: number): string {
  return addDays(receivedOn, delayDays);
}
