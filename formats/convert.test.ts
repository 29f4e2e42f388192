import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCii } from './cii/write.ts';
import { convertInvoice, convertRead, type ConversionTarget } from './convert.ts';
import { extractFacturX } from './facturx/extract.ts';
import { facturXProfileOf } from './facturx/xmp-write.ts';
import { decEquals } from './model/decimal.ts';
import type { Invoice } from './model/invoice.ts';
import { readInvoice } from './read.ts';
import { CORPUS_DIR, corpusAvailable, validCorpusFiles } from './testing/corpus.ts';
import { needlessEmptyElements } from './testing/empty-elements.ts';
import { ublPriceDiscount, writeUbl } from './ubl/write.ts';
import { validate } from './validate/index.ts';

const hasCorpus = corpusAvailable();
const files = hasCorpus ? validCorpusFiles() : [];
const TARGETS: readonly ConversionTarget[] = ['UBL', 'CII', 'FACTURX'];

const rules = (vs: readonly { rule: string; message: string; path: string }[]) =>
  vs.map((v) => `${v.rule} ${v.path} ${v.message}`);

/** The XML a conversion wrote (for a Factur-X PDF, the embedded one). */
async function writtenXml(output: Uint8Array, target: ConversionTarget): Promise<string> {
  const xml = target === 'FACTURX' ? (await extractFacturX(output)).xml : output;
  return Buffer.from(xml).toString('utf8');
}

describe.skipIf(!hasCorpus)('every conversion of every valid corpus invoice is valid', () => {
  it('finds the valid corpus files', () => {
    expect(files.length).toBeGreaterThan(35);
  });

  for (const file of files) {
    it(file, { timeout: 60_000 }, async () => {
      const bytes = readFileSync(`${CORPUS_DIR}${file}`);
      for (const target of TARGETS) {
        const c = await convertInvoice(bytes, target);
        expect(rules(c.sourceErrors), `${file} (source)`).toEqual([]);
        // The EN 16931 rules, the syntax binding and the schema checks of the document read back.
        expect(rules(c.outputErrors), `${file} → ${target}`).toEqual([]);
        expect(needlessEmptyElements(await writtenXml(c.output, target)), `${file} → ${target}`).toEqual([]);
        const back = await readInvoice(c.output);
        expect(back.invoice.number).toBe(c.source.invoice.number);
        expect(back.invoice.totals.payableAmount).toBe(c.source.invoice.totals.payableAmount);
        expect(back.invoice.lines.length).toBe(c.source.invoice.lines.length);
        // Prices keep their terms: a discount stays (with the gross price CII then needs), a gross price stays.
        c.source.invoice.lines.forEach((l, k) => {
          const p = back.invoice.lines[k]!.price;
          expect(decEquals(p.netPrice, l.price.netPrice), `${file} → ${target} BT-146`).toBe(true);
          if (l.price.discount !== undefined)
            expect(decEquals(p.discount, l.price.discount), `${file} → ${target} BT-147`).toBe(true);
          if (l.price.grossPrice !== undefined)
            expect(decEquals(p.grossPrice, l.price.grossPrice), `${file} → ${target} BT-148`).toBe(true);
        });
        // BT-83 stays, whether or not the source gave a means code.
        const remittance = c.source.invoice.paymentInstructions?.remittanceInformation;
        if (remittance !== undefined)
          expect(back.invoice.paymentInstructions?.remittanceInformation, `${file} → ${target} BT-83`).toBe(remittance);
        if (target === 'FACTURX') {
          // What a Factur-X reader checks: BT-24 names a Factur-X profile, the one the XMP metadata declares.
          const profile = facturXProfileOf(back.invoice.processControl.specificationIdentifier);
          expect(profile).toBe('EN 16931');
          expect(back.pdf?.xmpConformance).toBe(profile);
        }
      }
    });
  }
});

/**
 * Edits that keep a valid invoice valid while giving it what once broke the converters: a price discount without
 * gross price, payment instructions reduced to a remittance information, another specification identifier.
 */
interface Edits {
  dropGrossPrices: boolean;
  onlyRemittance: boolean;
  specification: string | undefined;
}

const edits: fc.Arbitrary<Edits> = fc.record({
  dropGrossPrices: fc.boolean(),
  onlyRemittance: fc.boolean(),
  specification: fc.constantFrom(
    undefined,
    'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
    'urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr',
    'urn:ferd:CrossIndustryDocument:invoice:1p0:comfort',
  ),
});

function edited(inv: Invoice, e: Edits): Invoice {
  const p = inv.paymentInstructions;
  return {
    ...inv,
    processControl:
      e.specification === undefined
        ? inv.processControl
        : { ...inv.processControl, specificationIdentifier: e.specification },
    paymentInstructions:
      e.onlyRemittance && p
        ? { remittanceInformation: p.remittanceInformation ?? 'REF-2026-42', creditTransfers: [] }
        : p,
    lines: e.dropGrossPrices
      ? inv.lines.map((l) => ({
          ...l,
          price: { ...l.price, discount: ublPriceDiscount(l.price), grossPrice: undefined },
        }))
      : inv.lines,
  };
}

describe.skipIf(!hasCorpus)('conversions of valid invoices stay valid (property)', () => {
  it('whatever the source syntax, the target and the edits that once broke them', async () => {
    const models = await Promise.all(
      files.map(async (f) => (await readInvoice(readFileSync(`${CORPUS_DIR}${f}`))).invoice),
    );
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...models.keys()),
        fc.constantFrom('UBL' as const, 'CII' as const),
        fc.constantFrom(...TARGETS),
        edits,
        async (k, from, target, e) => {
          const model = edited(models[k]!, e);
          const source = await readInvoice(Buffer.from(from === 'UBL' ? writeUbl(model) : writeCii(model), 'utf8'));
          // Only valid sources: an edit may break a rule of the source syntax (BR-49 for UBL, say).
          fc.pre(!validate(source).some((v) => v.severity === 'fatal'));
          checked++;
          const c = await convertRead(source, target);
          expect(rules(c.outputErrors), `${files[k]} as ${from} → ${target}`).toEqual([]);
          expect(needlessEmptyElements(await writtenXml(c.output, target))).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(30);
  }, 300_000);
});
