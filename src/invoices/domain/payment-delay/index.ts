// Legal payment delay and late-payment interest (décret 2013-269): pure functions and the ECB rate table.
export {
  ECB_MAIN_REFINANCING_RATES,
  ECB_RATE_SOURCE,
  ECB_RATES_CHECKED_THROUGH,
  ecbRateOn,
  type EcbRateChange,
} from './ecb-rates.ts';
export {
  computeLatePayment,
  LATE_INTEREST_MARGIN_POINTS,
  LATE_PAYMENT_INDEMNITY,
  semesterStart,
  type LatePayment,
} from './late-interest.ts';
export { DEFAULT_PAYMENT_DELAY_DAYS, legalDueDate, PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS } from './timing.ts';
export {
  addDays,
  anchorClock,
  daysBetween,
  dueDayAfterCompletion,
  expiryInstant,
  legalDate,
  legalDayAt,
  NEW_DELAY_AFTER_SUSPENSION_DAYS,
  remainingDays,
  reminderDays,
  type ClockAnchor,
} from './payment-clock.ts';
export { parisDay, type ParisDay } from './paris-day.ts';
