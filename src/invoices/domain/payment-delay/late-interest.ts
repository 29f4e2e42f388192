// Late-payment interest and flat indemnity owed by a public buyer (décret 2013-269 art. 7 to 9).
import Decimal from 'decimal.js';
import { addDays, daysBetween } from './payment-clock.ts';
import { ECB_RATES_CHECKED_THROUGH, ecbRateOn } from './ecb-rates.ts';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Art. 8: ECB main refinancing rate + 8 points. */
export const LATE_INTEREST_MARGIN_POINTS = '8';
/** Art. 9: flat indemnity for recovery costs. */
export const LATE_PAYMENT_INDEMNITY = '40.00';
/** Interest accrues per day on a 365-day year. */
const DAYS_PER_YEAR = 365;

/**
 * Art. 8: the rate is the one in force on the first day of the half-year in which interest started to run,
 * i.e. the half-year containing the day after the due date.
 */
export function semesterStart(date: string): string {
  const year = date.slice(0, 4);
  return Number(date.slice(5, 7)) <= 6 ? `${year}-01-01` : `${year}-07-01`;
}

export interface LatePayment {
  /** Days from the day after the due date to the payment date included (0 when on time). */
  lateDays: number;
  /** First day of the half-year whose ECB rate applies, when late. */
  rateReferenceDate: string | undefined;
  /** ECB rate + 8 points, in percent, when late. */
  ratePercent: string | undefined;
  /** Interest rounded to the cent (half up), "0.00" when on time. */
  interest: string;
  /** "40.00" when late, "0.00" otherwise. */
  indemnity: string;
  /** The rate came from beyond the date the ECB table was last checked. */
  rateUnchecked: boolean;
}

/**
 * Interest = amount incl. VAT × (ECB rate + 8) / 100 × late days / 365, from the day after `dueDate`
 * to `paymentDate` included (art. 8), plus the 40 € indemnity (art. 9). Amounts are decimal strings.
 */
export function computeLatePayment(input: {
  amountInclVat: string;
  dueDate: string;
  paymentDate: string;
}): LatePayment {
  const lateDays = Math.max(0, daysBetween(input.dueDate, input.paymentDate));
  if (lateDays === 0) {
    return {
      lateDays,
      rateReferenceDate: undefined,
      ratePercent: undefined,
      interest: '0.00',
      indemnity: '0.00',
      rateUnchecked: false,
    };
  }
  const reference = semesterStart(addDays(input.dueDate, 1));
  const rate = new D(ecbRateOn(reference)).plus(LATE_INTEREST_MARGIN_POINTS);
  const interest = new D(input.amountInclVat)
    .times(rate)
    .div(100)
    .times(lateDays)
    .div(DAYS_PER_YEAR)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return {
    lateDays,
    rateReferenceDate: reference,
    ratePercent: rate.toFixed(2),
    interest: interest.toFixed(2),
    indemnity: LATE_PAYMENT_INDEMNITY,
    rateUnchecked: reference > ECB_RATES_CHECKED_THROUGH,
  };
}
