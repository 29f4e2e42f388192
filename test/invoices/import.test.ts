// `hub import` end to end: the command itself, on a Postgres database of its own and the real Temporal dev server.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Client } from '@temporalio/client';
import { and, count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';
import { deposits, invoices } from '../../db/schema/invoices.ts';
import { writeUbl } from '../../formats/index.ts';
import { run, type ImportTerminal } from '../../src/cli/import.ts';
import { crc32 } from '../../src/invoices/import/crc32.ts';
import {
  ciiBytes,
  facturXBytes,
  testInvoice,
  testParties,
  ublBytes,
  uniqueInvoiceNumber,
} from '../helpers/invoices.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { urlForDatabase } from '../helpers/test-database.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';

const source = inject('testDatabase');
const onPostgres = !skipUnlessCi(source.mode !== 'postgres', 'base de test PostgreSQL');

let url: string;
let dbName: string;
let handle: DatabaseHandle;
let temporal: Client;
let parties: Awaited<ReturnType<typeof testParties>>;
let workdir: string;
const taskQueue = `import-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  if (source.mode !== 'postgres') return;
  dbName = `${source.prefix}_import_${randomBytes(4).toString('hex')}`;
  const admin = postgres(source.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}" template "${source.template}"`);
  await admin.end({ timeout: 5 });
  url = urlForDatabase(source.adminUrl, dbName);
  handle = await openDatabase({ kind: 'postgres', url, maxConnections: 4 });
  temporal = await testTemporalClient();
  parties = await testParties(handle.db);
  workdir = await mkdtemp(join(tmpdir(), 'hub-import-'));
});

afterAll(async () => {
  if (source.mode !== 'postgres') return;
  const rows = await handle.db.select({ workflowId: invoices.workflowId }).from(invoices);
  await Promise.allSettled(rows.map((r) => temporal.workflow.getHandle(r.workflowId).terminate('test over')));
  await temporal.connection.close();
  await handle.close();
  const admin = postgres(source.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end({ timeout: 5 });
  await rm(workdir, { recursive: true, force: true });
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** The result lines, one per file. */
  lines: string[];
}

async function hubImport(args: string[], terminal: Partial<ImportTerminal> = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const env = {
    DATABASE_URL: url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    PORT: '1',
  };
  const code = await run(
    args,
    { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) },
    { env, stderrIsTTY: false, columns: undefined, ...terminal },
  );
  const lines = stdout.split('\n').filter((l) => /^(accepté|refusé|déjà déposé)\s/.test(l));
  return { code, stdout, stderr, lines };
}

const forRennes = (number: string) => ({
  supplierSiret: parties.armor.siret,
  supplierName: parties.armor.name,
  buyerSiret: parties.rennes.siret,
  serviceCode: 'FIN',
  number,
});

const lineOf = (ran: Ran, file: string) => ran.lines.find((l) => l.includes(` ${file} : `)) ?? `(no line for ${file})`;

async function depositCount(fileName: string, outcome: 'accepted' | 'refused') {
  const [row] = await handle.db
    .select({ n: count() })
    .from(deposits)
    .where(
      and(
        eq(deposits.fileName, fileName),
        eq(deposits.outcome, outcome),
        eq(deposits.channel, 'import'),
        eq(deposits.supplierId, parties.armor.id),
      ),
    );
  return row?.n ?? 0;
}

describe.skipIf(!onPostgres)('hub import of a folder', () => {
  let folder: string;
  const numbers = { a: '', b: '', c: '', d: '' };

  beforeAll(async () => {
    folder = join(workdir, 'lot');
    await mkdir(join(folder, 'mars'), { recursive: true });
    numbers.a = uniqueInvoiceNumber('IMPA');
    numbers.b = uniqueInvoiceNumber('IMPB');
    numbers.c = uniqueInvoiceNumber('IMPC');
    numbers.d = uniqueInvoiceNumber('IMPD');
    const b = ublBytes(forRennes(numbers.b));
    const invalid = testInvoice(forRennes(numbers.d));
    invalid.totals.payableAmount = '999.99';
    invalid.totals.taxInclusiveAmount = '999.99';
    await Promise.all([
      writeFile(join(folder, '01-a.xml'), ublBytes(forRennes(numbers.a))),
      writeFile(join(folder, '02-b.xml'), b),
      writeFile(join(folder, '03-b-copie.xml'), b), // the same bytes under another name
      writeFile(join(folder, '04-a-bis.xml'), ublBytes({ ...forRennes(numbers.a), lineAmounts: ['250.00'] })), // same number, other content
      writeFile(join(folder, '05-invalide.xml'), writeUbl(invalid)),
      writeFile(join(folder, '06-pas-une-facture.xml'), `bonjour ${numbers.a}`),
      writeFile(join(folder, 'mars', '07-c.pdf'), await facturXBytes(forRennes(numbers.c))),
      writeFile(join(folder, 'LISEZMOI.txt'), 'pas une facture'),
      writeFile(join(folder, '.cache.xml'), 'fichier caché'),
    ]);
  });

  /** The two files carrying invoice number A race when deposited concurrently: the one accepted first. */
  let winner = '';
  let loser = '';

  it(
    'deposits each file once, refuses the bad ones with their code and French reason, and sums up',
    { timeout: 60_000 },
    async () => {
      const ran = await hubImport([folder, '--supplier', parties.armor.siret]);
      expect(ran.code).toBe(1);
      expect(
        ran.lines.map((l) => l.split(' : ')[0]!.replace(/\s+/g, ' ')),
        ran.stdout,
      ).toEqual([
        expect.stringMatching(/^(accepté|refusé) 01-a\.xml$/),
        'accepté 02-b.xml',
        'déjà déposé 03-b-copie.xml',
        expect.stringMatching(/^(accepté|refusé) 04-a-bis\.xml$/),
        'refusé 05-invalide.xml',
        'refusé 06-pas-une-facture.xml',
        'accepté mars/07-c.pdf',
      ]);
      // Same number, other content: whichever of the two is deposited first is accepted, the other refused as a duplicate.
      [winner, loser] = lineOf(ran, '01-a.xml').startsWith('accepté')
        ? ['01-a.xml', '04-a-bis.xml']
        : ['04-a-bis.xml', '01-a.xml'];
      expect(lineOf(ran, winner)).toMatch(
        new RegExp(`^accepté {6}${winner.replace('.', '\\.')} : facture ${numbers.a} \\(2026\\), statut DEPOSEE$`),
      );
      expect(lineOf(ran, loser)).toContain(
        `refusé       ${loser} : DUPLICATE_INVOICE — Vous avez déjà déposé une demande de paiement avec ce numéro de facture pour cette structure (facture ${numbers.a}, année 2026).`,
      );
      expect(lineOf(ran, '03-b-copie.xml')).toContain(`facture ${numbers.b} (2026), statut`);
      expect(lineOf(ran, '05-invalide.xml')).toMatch(
        /VALIDATION_FAILED — La facture ne respecte pas la norme EN 16931 .*BR-CO-15/,
      );
      expect(lineOf(ran, '06-pas-une-facture.xml')).toContain('INVALID_FILE — Fichier refusé : ');
      expect(lineOf(ran, 'mars/07-c.pdf')).toContain(`facture ${numbers.c} (2026), statut DEPOSEE`);

      expect(ran.stderr).toContain(
        `Import de 7 fichiers (1 autre fichier ignoré : ni .xml ni .pdf) pour ${parties.armor.name}, au nom de Armor Bureautique (fournisseur.armor@demo.hub.bzh).`,
      );
      expect(ran.stderr).toContain('Progression : 7/7 (100 %)');
      expect(ran.stdout).toMatch(
        /Import terminé : 7 fichiers — 3 acceptés, 3 refusés, 1 déjà déposé\.\nDurée [0-9,]+ s, [0-9,]+ fichiers\/s\.\n$/,
      );

      for (const number of [numbers.a, numbers.b, numbers.c]) {
        const rows = await handle.db
          .select()
          .from(invoices)
          .where(and(eq(invoices.number, number), eq(invoices.supplierId, parties.armor.id)));
        expect(rows).toHaveLength(1);
      }
      expect(await depositCount(winner, 'accepted')).toBe(1);
      expect(await depositCount(loser, 'refused')).toBe(1);
      expect(await depositCount('07-c.pdf', 'accepted')).toBe(1);
      expect(await depositCount('03-b-copie.xml', 'accepted')).toBe(0); // recognised, not sent again
      expect(await depositCount('05-invalide.xml', 'refused')).toBe(1);
      const [accepted] = await handle.db
        .select({ n: count() })
        .from(deposits)
        .where(and(eq(deposits.channel, 'import'), eq(deposits.outcome, 'accepted')));
      expect(accepted?.n).toBe(3);
    },
  );

  it(
    'skips on a second run everything already deposited, and sends the refused files again',
    { timeout: 60_000 },
    async () => {
      const [before] = await handle.db
        .select({ n: count() })
        .from(invoices)
        .where(eq(invoices.supplierId, parties.armor.id));
      const ran = await hubImport([
        folder,
        '--supplier',
        parties.armor.siren,
        '--as',
        'fournisseur.armor@demo.hub.bzh',
        '--concurrency',
        '2',
      ]);
      expect(ran.code).toBe(1);
      const label = (file: string) => lineOf(ran, file).split(/ {2,}/)[0];
      expect(
        [
          '01-a.xml',
          '02-b.xml',
          '03-b-copie.xml',
          '04-a-bis.xml',
          '05-invalide.xml',
          '06-pas-une-facture.xml',
          'mars/07-c.pdf',
        ].map(label),
        ran.stdout,
      ).toEqual(
        [
          '01-a.xml',
          '02-b.xml',
          '03-b-copie.xml',
          '04-a-bis.xml',
          '05-invalide.xml',
          '06-pas-une-facture.xml',
          'mars/07-c.pdf',
        ].map((f) => ([winner, '02-b.xml', '03-b-copie.xml', 'mars/07-c.pdf'].includes(f) ? 'déjà déposé' : 'refusé')),
      );
      expect(lineOf(ran, winner)).toMatch(
        new RegExp(`^déjà déposé  ${winner.replace('.', '\\.')} : facture ${numbers.a} \\(2026\\), statut [A-Z_]+$`),
      );
      expect(lineOf(ran, loser)).toContain('DUPLICATE_INVOICE');
      expect(ran.stdout).toContain('Import terminé : 7 fichiers — 0 accepté, 3 refusés, 4 déjà déposés.');
      const [after] = await handle.db
        .select({ n: count() })
        .from(invoices)
        .where(eq(invoices.supplierId, parties.armor.id));
      expect(after?.n).toBe(before?.n);
      expect(await depositCount(winner, 'accepted')).toBe(1);
      expect(await depositCount('05-invalide.xml', 'refused')).toBe(2);
    },
  );

  it('exits 0 when nothing is refused, with a progress bar on a terminal', { timeout: 60_000 }, async () => {
    const clean = join(workdir, 'propre');
    await mkdir(clean);
    await writeFile(join(clean, 'x.xml'), ublBytes(forRennes(uniqueInvoiceNumber('IMPX'))));
    await writeFile(join(clean, 'y.xml'), ciiBytes(forRennes(uniqueInvoiceNumber('IMPY'))));
    const first = await hubImport([clean, '--supplier', parties.armor.id], { stderrIsTTY: true, columns: 100 });
    expect(first.code).toBe(0);
    expect(first.lines.every((l) => l.startsWith('accepté'))).toBe(true);
    expect(first.stderr).toContain('\r\x1b[2K[');
    expect(first.stderr).toContain('2/2 (100 %)');
    const again = await hubImport([clean, '--supplier', parties.armor.id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 accepté, 0 refusé, 2 déjà déposés');
  });
});

/** A ZIP archive written by hand (deflated or stored entries, UTF-8 names), so the reader is tested on real bytes. */
function zipArchive(entries: { name: string; bytes: Uint8Array; store?: boolean; badCrc?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.store ? Buffer.from(entry.bytes) : deflateRawSync(entry.bytes);
    const crc = crc32(entry.bytes) ^ (entry.badCrc ? 1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.store ? 0 : 8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.store ? 0 : 8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
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

describe.skipIf(!onPostgres)('hub import of a ZIP archive', () => {
  it('deposits the invoices inside, refuses an unreadable entry, and resumes', { timeout: 60_000 }, async () => {
    const [n1, n2, n3] = [uniqueInvoiceNumber('ZIP1'), uniqueInvoiceNumber('ZIP2'), uniqueInvoiceNumber('ZIP3')];
    const archive = join(workdir, 'factures.zip');
    await writeFile(
      archive,
      zipArchive([
        { name: 'factures/', bytes: new Uint8Array(), store: true },
        { name: 'factures/été/f1.xml', bytes: ublBytes(forRennes(n1)) },
        { name: 'factures/f2.xml', bytes: ciiBytes(forRennes(n2)), store: true },
        { name: 'factures/f3.pdf', bytes: await facturXBytes(forRennes(n3)) },
        { name: 'factures/abîmé.xml', bytes: ublBytes(forRennes(uniqueInvoiceNumber('ZIPX'))), badCrc: true },
        { name: '__MACOSX/factures/._f2.xml', bytes: new Uint8Array([0, 5, 22, 7]) },
        { name: 'factures/bordereau.csv', bytes: new TextEncoder().encode('numero;montant\n') },
      ]),
    );
    const ran = await hubImport([archive, '--supplier', parties.armor.siret]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('Import de 4 fichiers (1 autre fichier ignoré : ni .xml ni .pdf)');
    expect(
      ran.lines.map((l) => l.split(' : ')[0]!.replace(/\s+/g, ' ')),
      ran.stdout,
    ).toEqual([
      'refusé factures/abîmé.xml',
      'accepté factures/f2.xml',
      'accepté factures/f3.pdf',
      'accepté factures/été/f1.xml',
    ]);
    expect(lineOf(ran, 'factures/abîmé.xml')).toContain(
      'FILE_UNREADABLE — Fichier illisible : somme de contrôle CRC-32 incorrecte.',
    );
    expect(lineOf(ran, 'factures/été/f1.xml')).toContain(`facture ${n1} (2026), statut DEPOSEE`);
    expect(await depositCount('f1.xml', 'accepted')).toBe(1); // the deposit keeps the base name

    const again = await hubImport([archive, '--supplier', parties.armor.siret]);
    expect(again.stdout).toContain('0 accepté, 1 refusé, 3 déjà déposés');
  });
});

describe.skipIf(!onPostgres)('hub import: usage errors exit 2', () => {
  it.each([
    [['--supplier', '81234567600010'], 'Indiquez le dossier ou l’archive ZIP à importer.'],
    [['.'], 'Indiquez le fournisseur avec --supplier'],
    [['.', '--supplier', 'x', '--vite'], 'Option inconnue « --vite ».'],
    [['.', '--supplier', 'x', '--concurrency', '0'], '--concurrency attend un entier de 1 à 64'],
    [['/nulle/part', '--supplier', 'x'], '« /nulle/part » n’existe pas.'],
  ])('%j', async (args, message) => {
    const ran = await hubImport(args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr).toContain('Usage : hub import');
  });

  it('names a supplier it cannot find, a structure that is not a supplier, and a person without the role', async () => {
    const one = join(workdir, 'une');
    await mkdir(one, { recursive: true });
    await writeFile(join(one, 'f.xml'), ublBytes(forRennes(uniqueInvoiceNumber('ONE'))));
    const unknown = await hubImport([one, '--supplier', '000000000']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('Aucun fournisseur ne correspond à « 000000000 »');
    const commune = await hubImport([one, '--supplier', parties.rennes.siret]);
    expect(commune.code).toBe(2);
    expect(commune.stderr).toContain('qui n’est pas un fournisseur');
    const stranger = await hubImport([one, '--supplier', parties.armor.siret, '--as', 'comptable.rennes@demo.hub.bzh']);
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('n’a pas le rôle fournisseur pour Armor Bureautique');
  });

  it('says when there is nothing to import', async () => {
    const empty = join(workdir, 'vide');
    await mkdir(empty, { recursive: true });
    await writeFile(join(empty, 'notes.txt'), 'rien');
    const ran = await hubImport([empty, '--supplier', parties.armor.siret]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain(`Aucun fichier .xml ou .pdf dans « ${empty} » : rien à importer.`);
  });

  it('reports a ZIP it cannot read', async () => {
    const broken = join(workdir, 'pas-un-zip.zip');
    await writeFile(broken, 'ceci n’est pas une archive');
    const ran = await hubImport([broken, '--supplier', parties.armor.siret]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('n’est ni un dossier ni une archive ZIP lisible : ce n’est pas une archive ZIP');
  });
});
