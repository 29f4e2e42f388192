import { describe, expect, it } from 'vitest';
import { chorusBound, chorusDate, chorusDateTime, chorusIsoDateTime } from './dates.ts';

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

  it('writes ISO instants that parse back to the same instant', () => {
    const at = new Date('2026-10-25T00:59:59.999Z'); // the last summer millisecond
    expect(new Date(chorusIsoDateTime(at)).getTime()).toBe(at.getTime());
  });
});

describe('search bounds', () => {
  it('reads a bare date as its whole Paris day', () => {
    expect(chorusBound('2026-01-16', 'start')?.toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(chorusBound('2026-07-01', 'end')?.toISOString()).toBe('2026-07-01T21:59:59.999Z');
  });

  it('reads a date-time without offset as Paris wall time (Pastell), with one as that instant (Go)', () => {
    expect(chorusBound('2022-01-08T23:59:59', 'end')?.toISOString()).toBe('2022-01-08T22:59:59.000Z');
    expect(chorusBound('2026-07-01 10:00', 'end')?.toISOString()).toBe('2026-07-01T08:00:59.999Z');
    expect(chorusBound('2026-07-01T10:00:00Z', 'start')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(chorusBound('2026-07-01T10:00:00.5+02:00', 'start')?.toISOString()).toBe('2026-07-01T08:00:00.500Z');
  });

  it('refuses what is no date', () => {
    expect(chorusBound('hier', 'start')).toBeUndefined();
    expect(chorusBound('2026-02-30', 'start')).toBeUndefined();
    expect(chorusBound('2026-02-10T25:00', 'start')).toBeUndefined();
  });
});
