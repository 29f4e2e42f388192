import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './validate.ts';
import { corpusAvailable } from '../../formats/testing/corpus.ts';
import { cii } from '../../formats/validate/testing/builders.ts';
import { skipUnlessCi } from '../../test/helpers/required-under-ci.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = corpusAvailable();

const dir = mkdtempSync(join(tmpdir(), 'hub-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

function jsonLines(out: string): Record<string, unknown>[] {
  const lines = out.split('\n').filter((l) => l !== '');
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

function expectReportShape(report: Record<string, unknown>): void {
  expect(typeof report['file']).toBe('string');
  expect(typeof report['valid']).toBe('boolean');
  if ('error' in report) {
    expect(report['valid']).toBe(false);
    expect(Object.keys(report).sort()).toEqual(
      report['syntax'] === undefined ? ['error', 'file', 'valid'] : ['error', 'file', 'syntax', 'valid'],
    );
    const error = report['error'] as Record<string, unknown>;
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(typeof error['code']).toBe('string');
    expect(typeof error['message']).toBe('string');
  } else {
    expect(Object.keys(report).sort()).toEqual(['errors', 'file', 'syntax', 'valid']);
    expect(['UBL', 'CII', 'FACTURX']).toContain(report['syntax']);
    const errors = report['errors'] as Record<string, unknown>[];
    for (const e of errors) {
      expect(Object.keys(e).sort()).toEqual(['bt', 'message', 'path', 'rule', 'severity']);
      expect(['fatal', 'warning']).toContain(e['severity']);
    }
    expect(report['valid']).toBe(!errors.some((e) => e['severity'] === 'fatal'));
  }
}

describe('hub validate: arguments', () => {
  it.each([
    [[], /Aucun fichier/],
    [['--bogus', 'x.xml'], /Option inconnue « --bogus »/],
    [['--profile', 'de', 'x.xml'], /Profil inconnu « de »/],
    [['--profile=xx', 'x.xml'], /Profil inconnu/],
    [['x.xml', '--profile'], /--profile attend une valeur/],
    [['--json'], /Aucun fichier/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, out, err } = await call(argv as string[]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toContain('Usage : hub validate');
  });

  it('prints its usage with --help', async () => {
    const { code, out } = await call(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage : hub validate');
  });
});

describe('hub validate: unreadable inputs', () => {
  it('reports a missing file, garbage, a non-invoice XML and a PDF without invoice', async () => {
    const garbage = join(dir, 'garbage.xml');
    writeFileSync(garbage, '<<<< pas du XML');
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<?xml version="1.0"?><Order xmlns="urn:x"/>');
    const pdf = join(dir, 'empty.pdf');
    writeFileSync(pdf, '%PDF-1.4\ntronqué');
    const missing = join(dir, 'absent.xml');
    const { code, out } = await call(['--json', missing, garbage, other, pdf]);
    expect(code).toBe(1);
    const reports = jsonLines(out);
    expect(reports.map((r) => r['file'])).toEqual([missing, garbage, other, pdf]);
    reports.forEach(expectReportShape);
    const codes = reports.map((r) => (r['error'] as { code: string }).code);
    expect(codes[0]).toBe('FILE_UNREADABLE');
    expect(codes[1]).toMatch(/^XML_/);
    expect(codes[2]).toBe('UNSUPPORTED_ROOT');
    expect(codes[3]).toBe('PDF_MALFORMED');
    expect(reports[3]!['syntax']).toBe('FACTURX');
  });

  it('writes a French report without --json', async () => {
    const { code, out } = await call([join(dir, 'absent.xml')]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /✗ .*absent\.xml : illisible — Impossible de lire le fichier : fichier introuvable\. \[FILE_UNREADABLE\]/,
    );
  });
});

describe.skipIf(skipUnlessCi(!hasCorpus, 'corpus partagé ../shared/corpus'))('hub validate: corpus', () => {
  const files = ['ubl', 'cii', 'facturx'].flatMap((kind) =>
    readdirSync(`${CORPUS}${kind}`, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(xml|pdf)$/i.test(f))
      .map((f) => join(CORPUS, kind, f)),
  );

  it('gives one well-formed JSON line per file, in order, in one process', async () => {
    const { code, out, err } = await call(['--json', '--profile', 'en16931', ...files]);
    expect(err).toBe('');
    const reports = jsonLines(out);
    expect(reports.map((r) => r['file'])).toEqual(files);
    reports.forEach(expectReportShape);
    expect(code).toBe(reports.every((r) => r['valid'] === true) ? 0 : 1);
    const zf1 = reports.find((r) => String(r['file']).includes('ZUGFeRD_1p0'))!;
    expect(zf1['error']).toMatchObject({ code: 'UNSUPPORTED_ZUGFERD1' });
    expect(zf1['syntax']).toBe('FACTURX');
    const pdf = reports.find((r) => String(r['file']).endsWith('akr__invoice_EN16931.pdf'))!;
    expect(pdf['syntax']).toBe('FACTURX');
  }, 120_000);

  it('accepts the fr profile and prints a French summary', async () => {
    const sample = files.filter((f) => f.includes('/cii/valid/')).slice(0, 3);
    const { code, out } = await call(['--profile=fr', ...sample]);
    expect([0, 1]).toContain(code);
    expect(out).toMatch(/3 fichiers : \d+ valides?, \d+ non valides? \(profil fr\)\./);
  });
});

describe('hub validate: the schema checks', () => {
  it('flags a CII gross price without its mandatory ChargeAmount (what the converter once wrote and called valid)', async () => {
    const gross =
      '<ram:GrossPriceProductTradePrice><ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>5.00</ram:ActualAmount></ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>';
    const file = join(dir, 'gross-without-amount.xml');
    writeFileSync(file, cii().replace('<ram:NetPriceProductTradePrice>', `${gross}<ram:NetPriceProductTradePrice>`));
    const { code, out } = await call([file]);
    expect(code).toBe(1);
    expect(out).toContain('non valide — 1 erreur');
    expect(out).toContain(
      "erreur [CII-XSD] : Structure non conforme au schéma : l'élément ChargeAmount est obligatoire dans GrossPriceProductTradePrice.",
    );
    expect(out).toContain('ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice');
  });
});
