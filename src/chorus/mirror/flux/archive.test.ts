import { describe, expect, it } from 'vitest';
import { isGzip, readTarGz, writeTarGz } from './archive.ts';
import { fluxNumber, fluxSequence } from './flux-number.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('flux archives', () => {
  it('reads back the files of a .tar.gz it wrote, whatever their size', () => {
    const big = 'x'.repeat(1500);
    const archive = writeTarGz([file('a.xml', '<a/>'), file('b.xml', big), file('vide.xml', '')]);
    expect(isGzip(archive)).toBe(true);
    const entries = readTarGz(archive, 500, 10_000_000);
    expect(entries.map((e) => [e.name, new TextDecoder().decode(e.bytes)])).toEqual([
      ['a.xml', '<a/>'],
      ['b.xml', big],
      ['vide.xml', ''],
    ]);
  });

  it('refuses more invoices than a flux may hold, and a truncated archive', () => {
    const three = writeTarGz([file('1.xml', '1'), file('2.xml', '2'), file('3.xml', '3')]);
    expect(() => readTarGz(three, 2, 10_000_000)).toThrow('plus de 2 factures');
    expect(() => readTarGz(writeTarGz([file('a.xml', 'y'.repeat(2000))]).subarray(0, 40), 500, 10_000_000)).toThrow();
  });
});

describe('numeroFluxDepot', () => {
  it('is CPP followed by 22 digits, and reads back', () => {
    expect(fluxNumber(11110000000001)).toBe('CPP0000000011110000000001');
    expect(fluxNumber(11110000000001)).toMatch(/^CPP\d{22}$/);
    expect(fluxSequence('CPP0000000011110000000001')).toBe(11110000000001);
    expect(fluxSequence('CPP123')).toBeUndefined();
    expect(fluxSequence(42)).toBeUndefined();
  });
});
