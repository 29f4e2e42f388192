import { describe, expect, it } from 'vitest';
import { ArchiveError, isGzip, readTarGz, writeTarGz } from './archive.ts';
import { fluxNumber, fluxSequence } from './flux-number.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('flux archives', () => {
  const limits = { maxEntries: 500, maxEntryBytes: 10_000_000, maxTotalBytes: 10_000_000 };

  it('reads back the files of a .tar.gz it wrote, whatever their size', async () => {
    const big = 'x'.repeat(1500);
    const archive = writeTarGz([file('a.xml', '<a/>'), file('b.xml', big), file('vide.xml', '')]);
    expect(isGzip(archive)).toBe(true);
    const entries = await readTarGz(archive, limits);
    expect(entries.map((e) => [e.name, new TextDecoder().decode(e.bytes)])).toEqual([
      ['a.xml', '<a/>'],
      ['b.xml', big],
      ['vide.xml', ''],
    ]);
  });

  it('refuses more invoices than a flux may hold, and a truncated archive', async () => {
    const three = writeTarGz([file('1.xml', '1'), file('2.xml', '2'), file('3.xml', '3')]);
    await expect(readTarGz(three, { ...limits, maxEntries: 2 })).rejects.toThrow('plus de 2 factures');
    await expect(readTarGz(writeTarGz([file('a.xml', 'y'.repeat(2000))]).subarray(0, 40), limits)).rejects.toThrow(
      ArchiveError,
    );
  });

  it('stops a decompression bomb at its budget, in French, with memory bounded by the budget', async () => {
    // 200 MB of zeros as one tar entry: about 200 KB once gzipped.
    const bomb = writeTarGz([{ name: 'bombe.xml', bytes: new Uint8Array(200 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const before = process.memoryUsage().rss;
    const error = await readTarGz(bomb, {
      maxEntries: 500,
      maxEntryBytes: 300 * 1024 * 1024,
      maxTotalBytes: 8 * 1024 * 1024,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(/^l’archive décompressée dépasse 8 Mo/);
    // Far below the 200 MB the archive would inflate to.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    // One file larger than a deposit is refused by its declared size, before its bytes are read.
    const large = writeTarGz([{ name: 'grande.xml', bytes: new Uint8Array(3 * 1024 * 1024) }]);
    await expect(readTarGz(large, { ...limits, maxEntryBytes: 1024 * 1024 })).rejects.toThrow(
      /la facture « grande\.xml » dépasse 1 Mo/,
    );
  });

  it('turns corrupt gzip data into a French reason', async () => {
    const archive = writeTarGz([file('a.xml', 'z'.repeat(5000))]);
    const damaged = new Uint8Array(archive);
    damaged.fill(0x55, 20, 60);
    await expect(readTarGz(damaged, limits)).rejects.toThrow(/^données compressées corrompues/);
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
