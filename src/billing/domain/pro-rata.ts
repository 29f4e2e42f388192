// Joining or leaving during a year: the yearly amount × days of membership / days of the year, counted in Paris
// calendar days, both ends included, rounded half-up to the cent.
import Decimal from 'decimal.js';
import { compareDates, toDayNumber, type CalendarDate } from '../../platform/calendar/index.ts';

export interface MembershipDays {
  /** Days of the year the member belonged, both ends included. */
  billedDays: number;
  yearDays: number;
  /** First and last day billed. */
  from: CalendarDate;
  to: CalendarDate;
}

export const firstDayOf = (year: number): CalendarDate => `${year}-01-01`;
export const lastDayOf = (year: number): CalendarDate => `${year}-12-31`;

/** The days of `year` a member belonged, or null when it did not belong at all that year. */
export function membershipDays(
  year: number,
  joinedOn: CalendarDate | null,
  leftOn: CalendarDate | null,
): MembershipDays | null {
  const first = firstDayOf(year);
  const last = lastDayOf(year);
  const from = joinedOn && compareDates(joinedOn, first) > 0 ? joinedOn : first;
  const to = leftOn && compareDates(leftOn, last) < 0 ? leftOn : last;
  if (compareDates(from, to) > 0) return null;
  return {
    billedDays: toDayNumber(to) - toDayNumber(from) + 1,
    yearDays: toDayNumber(last) - toDayNumber(first) + 1,
    from,
    to,
  };
}

/** amount × billedDays / yearDays, to the cent (half-up). */
export function proRata(amount: string, days: Pick<MembershipDays, 'billedDays' | 'yearDays'>): string {
  if (days.billedDays === days.yearDays) return new Decimal(amount).toFixed(2);
  return new Decimal(amount)
    .times(days.billedDays)
    .dividedBy(days.yearDays)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}
