import { describe, expect, it } from 'vitest';
import { extensionRule, isLate, LEGAL_DAY_MS, standstillEnd } from './time-rules.ts';

const deadline = new Date('2026-06-15T10:00:00Z'); // 12:00:00 Paris

describe('lateness', () => {
  it('counts an upload ending exactly at the deadline, not one ending a second later', () => {
    expect(isLate(new Date('2026-06-15T10:00:00.000Z'), deadline)).toBe(false);
    expect(isLate(new Date('2026-06-15T10:00:01.000Z'), deadline)).toBe(true);
    expect(isLate(new Date('2026-06-15T10:00:00.001Z'), deadline)).toBe(true);
  });
});

describe('deadline extension', () => {
  it('requires it for an answer given less than six days before the deadline', () => {
    const at = new Date('2026-06-10T10:00:00Z');
    expect(extensionRule('answer', at, deadline, LEGAL_DAY_MS)).toEqual({
      required: true,
      earliestDeadline: new Date('2026-06-16T10:00:00Z'),
    });
    expect(extensionRule('answer', new Date('2026-06-09T10:00:00Z'), deadline, LEGAL_DAY_MS)).toEqual({
      required: false,
    });
  });

  it('requires it for a significant change, never for a minor one', () => {
    const at = new Date('2026-06-14T10:00:00Z');
    expect(extensionRule('significant_change', at, deadline, LEGAL_DAY_MS).required).toBe(true);
    expect(extensionRule('minor_change', at, deadline, LEGAL_DAY_MS).required).toBe(false);
  });

  it('scales with a test consultation’s short days', () => {
    const at = new Date(deadline.getTime() - 5_000);
    expect(extensionRule('answer', at, deadline, 1_000)).toEqual({
      required: true,
      earliestDeadline: new Date(at.getTime() + 6_000),
    });
  });
});

describe('standstill', () => {
  it('ends at the Paris midnight beginning the eleventh day after the letters', () => {
    // Sent Friday 5 June 2026 at 18:30 Paris; signature from Tuesday 16 June 00:00 Paris (22:00 UTC the day before).
    expect(standstillEnd(new Date('2026-06-05T16:30:00Z'), LEGAL_DAY_MS)).toEqual(new Date('2026-06-15T22:00:00Z'));
    // In winter Paris is UTC+1.
    expect(standstillEnd(new Date('2026-12-01T09:00:00Z'), LEGAL_DAY_MS)).toEqual(new Date('2026-12-11T23:00:00Z'));
  });

  it('is eleven short days for a test consultation', () => {
    expect(standstillEnd(new Date('2026-06-05T16:30:00Z'), 1_000)).toEqual(new Date('2026-06-05T16:30:11Z'));
  });
});
