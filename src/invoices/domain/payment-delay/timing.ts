// Legal payment delays (décret 2013-269 art. 1 and 2). Which delay a buyer gets follows from its kind: the
// directory's rule (src/directory/domain/payment-delay.ts) is the one definition of the 30 and 50 days.
import { addDays } from './payment-clock.ts';

export {
  DEFAULT_PAYMENT_DELAY_DAYS,
  PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS,
} from '../../../directory/domain/payment-delay.ts';

/** Due date of an invoice received on `receivedOn` when no suspension occurred (art. 2: the delay runs from receipt). */
export function legalDueDate(receivedOn: string, delayDays: number): string {
  return addDays(receivedOn, delayDays);
}
