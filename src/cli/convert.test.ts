import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readInvoice } from '../../formats/index.ts';
import { run } from './convert.ts';
import { corpusAvailable } from '../../formats/testing/corpus.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = corpusAvailable();
const dir = mkdtempSync(join(tmpdir(), 'hub-convert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('hub convert: arguments', () => {
  it.each([
    [['in.xml', 'out.xml'], /--to est obligatoire/],
    [['--to', 'pdf', 'in.xml', 'out.xml'], /Format cible inconnu « pdf »/],
    [['--to', 'ubl', 'in.xml'], /fichier d’entrée et un fichier de sortie/],
    [['--to', 'ubl', 'a', 'b', 'c'], /fichier d’entrée et un fichier de sortie/],
    [['--to'], /--to attend une valeur/],
    [['--to=cii', '--verbose', 'a', 'b'], /Option inconnue « --verbose »/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, err } = await call(argv as string[]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('Usage : hub convert');
  });

  it('reports a missing input (exit 1)', async () => {
    const { code, err } = await call(['--to', 'cii', join(dir, 'absent.xml'), join(dir, 'out.xml')]);
    expect(code).toBe(1);
    expect(err).toContain('Impossible de lire');
  });

  it('reports an unreadable input with its code (exit 1)', async () => {
    const input = join(dir, 'bad.xml');
    writeFileSync(input, '<Invoice');
    const { code, err } = await call(['--to', 'cii', input, join(dir, 'out.xml')]);
    expect(code).toBe(1);
    expect(err).toMatch(/\[XML_[A-Z_]+\]/);
  });
});

describe.skipIf(!hasCorpus)('hub convert: corpus', () => {
  const ubl = `${CORPUS}ubl/valid/akr__ubl-21-en16931.xml`;
  const cii = `${CORPUS}cii/valid/mus__validV2FR.xml`;

  it('converts UBL to CII with the same business terms', async () => {
    const output = join(dir, 'from-ubl.xml');
    const { code, out, err } = await call(['--to', 'cii', ubl, output]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('(CII)');
    const before = await readInvoice(readFileSync(ubl));
    const after = await readInvoice(readFileSync(output));
    expect(after.syntax).toBe('CII');
    expect(after.invoice.number).toBe(before.invoice.number);
    expect(after.invoice.totals).toEqual(before.invoice.totals);
    expect(after.invoice.lines.length).toBe(before.invoice.lines.length);
  });

  it('converts CII to UBL and to Factur-X', async () => {
    const toUbl = join(dir, 'from-cii.xml');
    expect((await call(['--to', 'ubl', cii, toUbl])).code).toBe(0);
    expect((await readInvoice(readFileSync(toUbl))).syntax).toBe('UBL');

    const toPdf = join(dir, 'from-cii.pdf');
    const { code, out } = await call(['--to=facturx', cii, toPdf]);
    expect(code).toBe(0);
    expect(out).toContain('(Factur-X)');
    const pdf = readFileSync(toPdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const back = await readInvoice(pdf);
    expect(back.syntax).toBe('FACTURX');
    expect(back.pdf?.filename).toBe('factur-x.xml');
    expect(back.invoice.number).toBe((await readInvoice(readFileSync(cii))).invoice.number);
  });

  it('refuses an input with fatal EN 16931 errors unless --force', async () => {
    const invalid = `${CORPUS}cii/invalid/mus__invalidV2.xml`;
    const output = join(dir, 'forced.xml');
    const refused = await call(['--to', 'ubl', invalid, output]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/n'est pas conforme à EN 16931/);
    expect(refused.err).toContain('--force');
    expect(existsSync(output)).toBe(false);
    const forced = await call(['--force', '--to', 'ubl', invalid, output]);
    expect(forced.code).toBe(0);
    expect(existsSync(output)).toBe(true);
  });
});
