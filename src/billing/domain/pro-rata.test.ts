import { describe, expect, it } from 'vitest';
import { membershipDays, proRata } from './pro-rata.ts';

describe('pro rata by Paris days', () => {
  it('bills a member joining on 1 July 184 days of 365', () => {
    const days = membershipDays(2027, '2027-07-01', null);
    expect(days).toEqual({ billedDays: 184, yearDays: 365, from: '2027-07-01', to: '2027-12-31' });
    expect(proRata('400.00', days!)).toBe('201.64');
    expect(proRata('30000', days!)).toBe('15123.29');
  });

  it('counts 366 days in a leap year and both ends of the membership', () => {
    expect(membershipDays(2028, null, null)).toMatchObject({ billedDays: 366, yearDays: 366 });
    expect(membershipDays(2028, '2028-03-01', '2028-03-31')).toMatchObject({ billedDays: 31, yearDays: 366 });
    expect(proRata('366', { billedDays: 31, yearDays: 366 })).toBe('31.00');
  });

  it('bills the whole amount for a whole year, nothing outside the membership', () => {
    expect(proRata('1000', membershipDays(2027, '2020-01-01', null)!)).toBe('1000.00');
    expect(membershipDays(2027, '2028-01-01', null)).toBeNull();
    expect(membershipDays(2027, null, '2026-12-31')).toBeNull();
    expect(membershipDays(2027, null, '2027-01-01')).toMatchObject({ billedDays: 1 });
  });
});
