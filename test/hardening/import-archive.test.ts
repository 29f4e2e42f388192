// `hub import` on hostile archives: a 120-byte ZIP whose entry claims 4 GB is refused like any unreadable entry
// (no allocation of what the header claims, no native abort), and entries whose path leaves the archive are
// counted as refused instead of being skipped in silence.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInvoices, openInvoiceSource, ZipError } from '../../src/invoices/import/index.ts';
import { personActing, testParties } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
let workdir: string;

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'hub-hostile-zip-'));
});
afterAll(async () => {
  await rm(workdir, { recursive: true, force: true });
});

/** One stored entry whose headers declare the sizes given, whatever the bytes really are. */
function lyingZip(entries: { name: string; bytes: Buffer; compressedSize?: number; size?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(entry.compressedSize ?? entry.bytes.length, 18);
    local.writeUInt32LE(entry.size ?? entry.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(entry.compressedSize ?? entry.bytes.length, 20);
    central.writeUInt32LE(entry.size ?? entry.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.bytes);
    centrals.push(central, name);
    offset += local.length + name.length + entry.bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('hub import of a hostile ZIP', () => {
  it('refuses an entry claiming 4 GB in a 120-byte archive without allocating it', async () => {
    const path = join(workdir, 'bomb.zip');
    const zip = lyingZip([{ name: 'f.xml', bytes: Buffer.from('<x/>'), compressedSize: 0xfffffff0, size: 4 }]);
    expect(zip.length).toBeLessThan(140);
    await writeFile(path, zip);
    const source = await openInvoiceSource(path);
    try {
      expect(source.files).toHaveLength(1);
      const error = await source.files[0]!.read().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ZipError);
      expect((error as Error).message).toMatch(/plus que l’archive n’en contient/);
    } finally {
      await source.close();
    }
  });

  it('counts entries whose path leaves the archive as refused, with the entries it could read', async () => {
    const p = await testParties(t.handle.db);
    const path = join(workdir, 'escape.zip');
    await writeFile(
      path,
      lyingZip([
        { name: '../evil.xml', bytes: Buffer.from('<x/>') },
        { name: 'a/../../evil2.xml', bytes: Buffer.from('<x/>') },
        { name: 'huge.xml', bytes: Buffer.from('<x/>'), compressedSize: 0xfffffff0, size: 4 },
      ]),
    );
    const source = await openInvoiceSource(path);
    const outcomes: { file: string; kind: string; code?: string }[] = [];
    try {
      const summary = await importInvoices(testDeps(t.handle), personActing('supplier', p.armor.id), {
        supplierId: p.armor.id,
        source,
        onResult: (o) => outcomes.push(o as { file: string; kind: string; code?: string }),
      });
      expect(summary.refused).toBe(3);
    } finally {
      await source.close();
    }
    expect(outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: '../evil.xml', kind: 'refused', code: 'UNSAFE_PATH' }),
        expect.objectContaining({ file: 'a/../../evil2.xml', kind: 'refused', code: 'UNSAFE_PATH' }),
        expect.objectContaining({ file: 'huge.xml', kind: 'refused', code: 'FILE_UNREADABLE' }),
      ]),
    );
  });
});
