import { describe, expect, it } from 'vitest';
import { computeLatePayment, semesterStart } from './late-interest.ts';

describe('semesterStart', () => {
  it('is 1 January for January to June and 1 July for July to December', () => {
    expect(semesterStart('2024-01-01')).toBe('2024-01-01');
    expect(semesterStart('2024-06-30')).toBe('2024-01-01');
    expect(semesterStart('2024-07-01')).toBe('2024-07-01');
    expect(semesterStart('2024-12-31')).toBe('2024-07-01');
  });
});

// Each expected value is computed by hand: amount × (ECB rate on the half-year's first day + 8) % × days / 365.
describe('computeLatePayment (décret 2013-269 art. 7 to 9)', () => {
  it('owes nothing when paid on or before the due date', () => {
    for (const paymentDate of ['2024-03-10', '2024-03-01']) {
      expect(computeLatePayment({ amountInclVat: '10000.00', dueDate: '2024-03-10', paymentDate })).toEqual({
        lateDays: 0,
        rateReferenceDate: undefined,
        ratePercent: undefined,
        interest: '0.00',
        indemnity: '0.00',
        rateUnchecked: false,
      });
    }
  });

  it('1st half of 2024: ECB 4.50 % → 12.50 %; 10,000 € × 12.5 % × 30 / 365 = 102.7397… → 102.74', () => {
    expect(
      computeLatePayment({ amountInclVat: '10000.00', dueDate: '2024-03-10', paymentDate: '2024-04-09' }),
    ).toMatchObject({
      lateDays: 30,
      rateReferenceDate: '2024-01-01',
      ratePercent: '12.50',
      interest: '102.74',
      indemnity: '40.00',
    });
  });

  it('takes the half-year in which interest starts to run: due 30 June 2023 → 2nd half (ECB 4.00 %), not the 1st (2.50 %)', () => {
    // 2,400 × 12 % × 15 / 365 = 11.8356… → 11.84
    expect(
      computeLatePayment({ amountInclVat: '2400.00', dueDate: '2023-06-30', paymentDate: '2023-07-15' }),
    ).toMatchObject({
      lateDays: 15,
      rateReferenceDate: '2023-07-01',
      ratePercent: '12.00',
      interest: '11.84',
    });
  });

  it('keeps one rate across a year end: due 20 December 2013 (ECB 0.50 % on 1 July 2013) → 8.50 %', () => {
    // 5,000 × 8.5 % × 21 / 365 = 24.4520… → 24.45
    expect(
      computeLatePayment({ amountInclVat: '5000.00', dueDate: '2013-12-20', paymentDate: '2014-01-10' }),
    ).toMatchObject({
      lateDays: 21,
      rateReferenceDate: '2013-07-01',
      ratePercent: '8.50',
      interest: '24.45',
    });
  });

  it('a zero ECB rate still owes 8 points: 1st half 2020, 1,000 € × 8 % × 30 / 365 = 6.5753… → 6.58', () => {
    expect(
      computeLatePayment({ amountInclVat: '1000.00', dueDate: '2020-05-01', paymentDate: '2020-05-31' }),
    ).toMatchObject({
      ratePercent: '8.00',
      interest: '6.58',
    });
  });

  it('1st half of 2025: ECB 3.15 % → 11.15 %; 1,234.56 € × 11.15 % × 30 / 365 = 11.3139… → 11.31', () => {
    expect(
      computeLatePayment({ amountInclVat: '1234.56', dueDate: '2025-01-15', paymentDate: '2025-02-14' }),
    ).toMatchObject({
      ratePercent: '11.15',
      interest: '11.31',
    });
  });

  it('rounds an exact half cent up, with no binary rounding error: 1.00 € × 12.5 % × 73 / 365 = 0.025 → 0.03', () => {
    expect(
      computeLatePayment({ amountInclVat: '1.00', dueDate: '2024-01-10', paymentDate: '2024-03-23' }),
    ).toMatchObject({
      lateDays: 73,
      interest: '0.03',
    });
  });

  it('computes large amounts exactly', () => {
    // 98,765,432.10 × 10.15 % = 10,024,691.358…; / 365 = 27,464.9078… → 27,464.91 (2nd half of 2025, ECB 2.15 %)
    expect(
      computeLatePayment({ amountInclVat: '98765432.10', dueDate: '2025-08-01', paymentDate: '2025-08-02' }),
    ).toMatchObject({
      ratePercent: '10.15',
      interest: '27464.91',
    });
  });
});
