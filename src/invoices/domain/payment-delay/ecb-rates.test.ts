import { describe, expect, it } from 'vitest';
import { ECB_MAIN_REFINANCING_RATES, ecbRateOn } from './ecb-rates.ts';

describe('ECB main refinancing rate table', () => {
  it('is in date order with two-decimal rates', () => {
    const dates = ECB_MAIN_REFINANCING_RATES.map((c) => c.from);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const change of ECB_MAIN_REFINANCING_RATES) expect(change.ratePercent).toMatch(/^\d+\.\d{2}$/);
  });

  it('gives the rate in force on the first day of each half-year since 2013', () => {
    expect(ecbRateOn('2013-01-01')).toBe('0.75');
    expect(ecbRateOn('2013-07-01')).toBe('0.50');
    expect(ecbRateOn('2014-01-01')).toBe('0.25');
    expect(ecbRateOn('2014-07-01')).toBe('0.15');
    expect(ecbRateOn('2015-01-01')).toBe('0.05');
    expect(ecbRateOn('2016-07-01')).toBe('0.00');
    expect(ecbRateOn('2022-07-01')).toBe('0.00');
    expect(ecbRateOn('2023-01-01')).toBe('2.50');
    expect(ecbRateOn('2023-07-01')).toBe('4.00');
    expect(ecbRateOn('2024-01-01')).toBe('4.50');
    expect(ecbRateOn('2024-07-01')).toBe('4.25');
    expect(ecbRateOn('2025-01-01')).toBe('3.15');
    expect(ecbRateOn('2025-07-01')).toBe('2.15');
    expect(ecbRateOn('2026-01-01')).toBe('2.15');
  });

  it('applies a change from its own date', () => {
    expect(ecbRateOn('2022-07-26')).toBe('0.00');
    expect(ecbRateOn('2022-07-27')).toBe('0.50');
  });

  it('refuses a date before the table', () => {
    expect(() => ecbRateOn('2012-01-01')).toThrow(/Taux de la BCE inconnu au 2012-01-01/);
  });
});
