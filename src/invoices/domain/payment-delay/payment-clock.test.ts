import { describe, expect, it } from 'vitest';
import {
  addDays,
  anchorClock,
  daysBetween,
  dueDayAfterCompletion,
  expiryInstant,
  legalDate,
  legalDayAt,
  remainingDays,
  reminderDays,
  startOfLegalDay,
} from './payment-clock.ts';

const DAY = 86_400_000;

describe('legal days', () => {
  it('in production, day N is the N-th calendar day after receipt, from Paris midnight', () => {
    // Received on 2 March 2026 at 15:30 Paris (14:30 UTC): day 0 started at 23:00 UTC the day before.
    const receivedAt = Date.parse('2026-03-02T14:30:00Z');
    const anchor = anchorClock(receivedAt, 15.5 * 3_600_000, '2026-03-02', DAY);
    expect(anchor.dayZeroStartMs).toBe(Date.parse('2026-03-01T23:00:00Z'));
    expect(legalDayAt(anchor, Date.parse('2026-03-02T22:59:59Z'))).toBe(0);
    expect(legalDayAt(anchor, Date.parse('2026-03-02T23:00:00Z'))).toBe(1);
    expect(legalDate(anchor, 30)).toBe('2026-04-01');
    // Summer time from 29 March: the due day ends at 23:59:59.999 Paris = 21:59:59.999 UTC, not an hour later.
    expect(expiryInstant(anchor, 30)).toBe(Date.parse('2026-04-01T22:00:00Z') - 1);
    expect(startOfLegalDay(anchor, 28)).toBe(Date.parse('2026-03-29T22:00:00Z'));
    expect(legalDayAt(anchor, Date.parse('2026-04-01T21:59:59.999Z'))).toBe(30);
    expect(legalDayAt(anchor, Date.parse('2026-04-01T22:00:00Z'))).toBe(31);
  });

  it('in production, a delay crossing the return to winter time ends at Paris midnight too', () => {
    // Received on 10 October 2026 at 09:00 Paris (07:00 UTC); winter time from 25 October.
    const anchor = anchorClock(Date.parse('2026-10-10T07:00:00Z'), 9 * 3_600_000, '2026-10-10', DAY);
    expect(legalDate(anchor, 30)).toBe('2026-11-09');
    expect(expiryInstant(anchor, 30)).toBe(Date.parse('2026-11-09T23:00:00Z') - 1);
    expect(legalDayAt(anchor, Date.parse('2026-10-25T22:59:59Z'))).toBe(15);
    expect(legalDayAt(anchor, Date.parse('2026-10-25T23:00:00Z'))).toBe(16);
  });

  it('scales the time of day with shorter days, as in tests', () => {
    const anchor = anchorClock(10_000, 12 * 3_600_000, '2026-11-28', 200);
    expect(anchor.dayZeroStartMs).toBe(10_000 - 100);
    expect(legalDayAt(anchor, 10_099)).toBe(0);
    expect(legalDayAt(anchor, 10_100)).toBe(1);
    expect(startOfLegalDay(anchor, 5)).toBe(10_900);
  });
});

describe('suspension and new delay (décret 2013-269 art. 4)', () => {
  it('keeps the balance remaining when suspended', () => {
    expect(remainingDays(30, 12)).toBe(18);
    expect(remainingDays(30, 35)).toBe(0);
  });

  it('opens thirty days, or the remaining balance if greater', () => {
    expect(dueDayAfterCompletion(20, 18)).toBe(50);
    expect(dueDayAfterCompletion(20, 45)).toBe(65);
    expect(dueDayAfterCompletion(20, 30)).toBe(50);
    expect(dueDayAfterCompletion(4, 1, 5)).toBe(9);
  });
});

describe('reminders', () => {
  it('lists reminder days still ahead, earliest first, without duplicates', () => {
    expect(reminderDays(30, [1, 10, 3, 3], 0)).toEqual([20, 27, 29]);
    expect(reminderDays(30, [10, 3, 1], 25)).toEqual([27, 29]);
    expect(reminderDays(5, [10, 0, -1], 0)).toEqual([]);
  });
});

describe('calendar dates', () => {
  it('adds days across months, leap years and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(daysBetween('2024-01-10', '2024-03-23')).toBe(73);
    expect(daysBetween('2024-03-23', '2024-01-10')).toBe(-73);
  });
});
