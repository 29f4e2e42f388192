import { describe, expect, it } from 'vitest';
import { daysLeft, describeDaysLeft, formatDate, formatDateTime, formatDecimal, formatMoney } from './format.ts';

describe('formatDecimal / formatMoney', () => {
  it('writes decimal strings the French way without going through floats', () => {
    expect(formatDecimal('1234.5')).toBe('1\u202f234,50');
    expect(formatDecimal('0.1')).toBe('0,10');
    expect(formatDecimal('-1234567.891')).toBe('−1\u202f234\u202f567,891');
    // Beyond float precision: every digit kept.
    expect(formatDecimal('12345678901234567.89')).toBe('12\u202f345\u202f678\u202f901\u202f234\u202f567,89');
    expect(formatMoney('1481.4')).toBe('1\u202f481,40\u00a0€');
    expect(formatMoney('99', 'USD')).toBe('99,00\u00a0USD');
    expect(formatDecimal('pas un nombre')).toBe('pas un nombre');
  });
});

describe('dates and days left, in Paris', () => {
  it('formats calendar dates as written and instants in Paris time', () => {
    expect(formatDate('2026-03-15')).toBe('15/03/2026');
    // 23:30 UTC on 31 March is already 1 April in Paris (summer time).
    expect(formatDate('2026-03-31T23:30:00Z')).toBe('01/04/2026');
    expect(formatDateTime('2026-01-05T08:04:00Z')).toBe('05/01/2026 à 09:04');
  });

  it('counts calendar days, not 24-hour periods', () => {
    const now = new Date('2026-03-10T22:30:00Z'); // 23:30 in Paris on 10 March
    expect(daysLeft('2026-03-10T23:30:00Z', now)).toBe(1); // 00:30 on 11 March in Paris
    expect(daysLeft('2026-03-10T10:00:00Z', now)).toBe(0);
    expect(daysLeft('2026-03-07T10:00:00Z', now)).toBe(-3);
    expect([0, 1, 5, -1, -4].map(describeDaysLeft)).toEqual([
      'échéance aujourd’hui',
      'reste 1 jour',
      'reste 5 jours',
      'en retard de 1 jour',
      'en retard de 4 jours',
    ]);
  });
});
