import { describe, expect, it } from 'vitest';
import { reminderDue } from './reminders.ts';

describe('reminders', () => {
  const due = '2027-01-31';
  it('reminds 7 days before, then 1 and 15 days after the due date', () => {
    expect(reminderDue(due, '2027-01-23', [7], [1, 15])).toBeNull();
    expect(reminderDue(due, '2027-01-24', [7], [1, 15])?.kind).toBe('before:7');
    expect(reminderDue(due, '2027-01-31', [7], [1, 15])?.kind).toBe('before:7');
    expect(reminderDue(due, '2027-02-01', [7], [1, 15])?.kind).toBe('after:1');
    expect(reminderDue(due, '2027-02-14', [7], [1, 15])?.kind).toBe('after:1');
    expect(reminderDue(due, '2027-02-15', [7], [1, 15])?.kind).toBe('after:15');
  });
});
