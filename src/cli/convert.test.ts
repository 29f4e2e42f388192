import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readInvoice } from '../../formats/index.ts';
import { cii } from '../../formats/validate/testing/builders.ts';
import { run } from './convert.ts';
import { validateFile } from './validate.ts';
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
    expect(refused.err).toMatch(/n’est pas conforme à EN 16931/);
    expect(refused.err).toContain('--force');
    expect(existsSync(output)).toBe(false);
    const forced = await call(['--force', '--to', 'ubl', invalid, output]);
    expect(forced.code).toBe(0);
    expect(existsSync(output)).toBe(true);
    // The output was checked too, and its errors are listed.
    expect(forced.err).toMatch(/La facture UBL produite n’est pas conforme non plus \(\d+ erreur\(s\)\)/);
    expect((await validateFile(output, 'en16931')).valid).toBe(false);
  });
});

/** Converts, then validates the output the way `hub validate` does. */
async function convertAndValidate(input: string, to: 'ubl' | 'cii' | 'facturx', name: string) {
  const output = join(dir, name);
  const result = await call(['--to', to, input, output]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const report = await validateFile(output, 'en16931');
  expect('errors' in report ? report.errors.filter((v) => v.severity === 'fatal') : report).toEqual([]);
  expect(report.valid).toBe(true);
  return { output, read: await readInvoice(readFileSync(output)) };
}

describe.skipIf(!hasCorpus)('hub convert: the defects of the converters, on corpus invoices', () => {
  it('UBL → CII with a price discount (BT-147) and no gross price (BT-148): the gross price is net + discount', async () => {
    // Line 1 of this CEN example: net price 9.00 after a discount of 1.00, no gross price.
    const input = `${CORPUS}ubl/valid/cen__ubl-tc434-example2.xml`;
    const source = (await readInvoice(readFileSync(input))).invoice;
    const line = source.lines.findIndex((l) => l.price.discount !== undefined && l.price.grossPrice === undefined);
    expect(line).toBeGreaterThanOrEqual(0);
    const { output, read } = await convertAndValidate(input, 'cii', 'gross.xml');
    const price = read.invoice.lines[line]!.price;
    const { netPrice, discount } = source.lines[line]!.price;
    expect([price.netPrice, price.discount]).toEqual([netPrice, discount]);
    expect(Number(price.grossPrice)).toBeCloseTo(Number(netPrice) + Number(discount), 10);
    expect(readFileSync(output, 'utf8')).not.toMatch(
      /<ram:GrossPriceProductTradePrice>\s*<ram:AppliedTradeAllowanceCharge>/,
    );
  });

  it('CII → UBL with only a payment reference (BT-83): a PaymentMeans with code 1 keeps the reference', async () => {
    const input = `${CORPUS}cii/valid/zfc__testout-ZF2PushChargesAllowances.xml`;
    const source = (await readInvoice(readFileSync(input))).invoice;
    expect(source.paymentInstructions).toEqual({ remittanceInformation: '123', creditTransfers: [] });
    const { output, read } = await convertAndValidate(input, 'ubl', 'means.xml');
    expect(read.invoice.paymentInstructions).toEqual({
      meansTypeCode: '1',
      remittanceInformation: '123',
      creditTransfers: [],
    });
    expect(readFileSync(output, 'utf8')).toMatch(
      /<cac:PaymentMeans>\s*<cbc:PaymentMeansCode>1<\/cbc:PaymentMeansCode>\s*<cbc:PaymentID>123<\/cbc:PaymentID>/,
    );
  });

  it.each([
    ['a Peppol BIS 3 invoice', 'ubl/valid/cen__Invoice-Max_content.xml'],
    ['an EXTENDED-CTC-FR invoice', 'ubl/valid/akr__ubl-21-extended-ctc-fr.xml'],
    ['an XRechnung invoice', 'cii/valid/xr__01.01a-INVOICE_uncefact.xml'],
    ['a CII with a ZUGFeRD 1 identifier', 'cii/valid/cen__CII_business_example_Z.xml'],
  ])('→ Factur-X from %s: BT-24 and the XMP ConformanceLevel of the EN 16931 profile', async (_, file) => {
    const source = (await readInvoice(readFileSync(`${CORPUS}${file}`))).invoice;
    expect(source.processControl.specificationIdentifier).not.toBe('urn:cen.eu:en16931:2017');
    const { read } = await convertAndValidate(`${CORPUS}${file}`, 'facturx', `${file.replace(/\W/g, '_')}.pdf`);
    expect(read.syntax).toBe('FACTURX');
    expect(read.invoice.processControl.specificationIdentifier).toBe('urn:cen.eu:en16931:2017');
    expect(read.pdf?.xmpConformance).toBe('EN 16931');
    expect(read.invoice.number).toBe(source.number);
  });
});

describe('hub convert: a conversion that would not be valid is refused', () => {
  // A valid CII invoice whose payee (BG-10) is named as the seller's trading name (BT-28). The bindings of BR-17
  // differ: CII compares the payee name with the seller's name (BT-27), UBL with its trading name. In UBL this
  // invoice breaks BR-17, and no writer choice keeps its terms (dropping the payee or a name would change the
  // invoice): the conversion to UBL must be refused.
  const payeeIsTradingName = cii({
    settlementExtra:
      '<ram:PayeeTradeParty><ram:ID>FOURN-42</ram:ID><ram:Name>Fournisseur</ram:Name></ram:PayeeTradeParty>',
  }).replace(
    '<ram:ID schemeID="0002">123456789</ram:ID></ram:SpecifiedLegalOrganization>',
    '<ram:ID schemeID="0002">123456789</ram:ID><ram:TradingBusinessName>Fournisseur</ram:TradingBusinessName></ram:SpecifiedLegalOrganization>',
  );

  it('refuses, lists the violations in French, exits 1 and writes nothing, even with --force', async () => {
    const input = join(dir, 'payee-trading-name.xml');
    writeFileSync(input, payeeIsTradingName);
    const source = await validateFile(input, 'en16931');
    expect(source.valid).toBe(true);
    for (const argv of [[], ['--force']]) {
      const output = join(dir, `refused${argv.length}.xml`);
      const { code, out, err } = await call([...argv, '--to', 'ubl', input, output]);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/^La facture UBL produite ne serait pas conforme \(\d+ erreur\(s\)\) :/);
      expect(err).toContain(
        '[BR-17] BT-59 : Nom du bénéficiaire (BT-59) : obligatoire lorsque le bénéficiaire est distinct du vendeur.',
      );
      expect(err).toContain(
        'Conversion refusée : une facture conforme ne doit pas devenir non conforme ; aucun fichier écrit.',
      );
      expect(existsSync(output)).toBe(false);
    }
    // The same invoice converts to CII, where nothing forbids it.
    const toCii = join(dir, 'payee-trading-name.cii.xml');
    expect((await call(['--to', 'cii', input, toCii])).code).toBe(0);
    expect((await validateFile(toCii, 'en16931')).valid).toBe(true);
  });
});
