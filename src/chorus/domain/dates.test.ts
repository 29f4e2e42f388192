import { describe, expect, it } from 'vitest';
import { chorusDate, chorusDateTime, chorusIsoDateTime } from './dates.ts';

describe('Chorus date formats (Paris time)', () => {
  it('writes dates, minutes and ISO instants with the winter offset', () => {
    const at = new Date('2026-01-15T23:30:05.042Z');
    expect(chorusDate(at)).toBe('2026-01-16');
    expect(chorusDateTime(at)).toBe('2026-01-16 00:30');
    expect(chorusIsoDateTime(at)).toBe('2026-01-16T00:30:05.042+01:00');
  });

  it('uses the summer offset in summer', () => {
    expect(chorusIsoDateTime(new Date('2026-07-01T10:00:00.000Z'))).toBe('2026-07-01T12:00:00.000+02:00');
  });
});
