import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoice } from './model/testing/arbitraries.ts';
import { writeCii } from './cii/write.ts';
import type { Invoice } from './model/invoice.ts';
import { readInvoiceXml } from './read.ts';
import { writeUbl } from './ubl/write.ts';
import { validate } from './validate/index.ts';
import { needlessEmptyElements } from './testing/empty-elements.ts';

const CORPUS = new URL('../../shared/corpus/', import.meta.url);
const files = ['ubl/valid', 'cii/valid'].flatMap((dir) => readdirSync(new URL(dir, CORPUS)).map((f) => `${dir}/${f}`));

function fatalRules(xml: Uint8Array | string): Set<string> {
  const r = readInvoiceXml(xml);
  return new Set(
    validate({ ...r, xmlSyntax: r.syntax })
      .filter((v) => v.severity === 'fatal')
      .map((v) => v.rule),
  );
}

describe('documents written from valid corpus invoices break no rule the source did not break', () => {
  for (const file of files) {
    it(file, () => {
      const bytes = readFileSync(new URL(file, CORPUS));
      const source = fatalRules(bytes);
      const inv = readInvoiceXml(bytes).invoice;
      expect([...fatalRules(writeUbl(inv))].filter((r) => !source.has(r))).toEqual([]);
      expect([...fatalRules(writeCii(inv))].filter((r) => !source.has(r))).toEqual([]);
    });
  }
});

/** Every string of the model replaced, one time in four, by an empty or blank value (what empty source elements give). */
function blanked(inv: Invoice, seed: number): Invoice {
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return next() < 0.25 ? (next() < 0.5 ? '' : ' ') : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(inv) as Invoice;
}

describe('written documents hold no empty element the schema does not force', () => {
  it('even when the model holds empty or blank values', () => {
    fc.assert(
      fc.property(invoice, fc.integer(), (inv, seed) => {
        const model = blanked(inv, seed);
        for (const xml of [writeUbl(model), writeUbl(model, { documentType: 'CreditNote' }), writeCii(model)])
          expect(needlessEmptyElements(xml), xml).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('written documents respect the schema element order, whatever the model holds', () => {
  it('no element is misplaced or unknown in written UBL and CII', () => {
    fc.assert(
      fc.property(invoice, (inv) => {
        for (const xml of [writeUbl(inv), writeUbl(inv, { documentType: 'CreditNote' }), writeCii(inv)]) {
          const r = readInvoiceXml(xml);
          const misplaced = validate({ ...r, xmlSyntax: r.syntax }).filter(
            (v) => (v.rule === 'UBL-XSD' || v.rule === 'CII-XSD') && /mal placé|pas autorisé/.test(v.message),
          );
          expect(misplaced.map((v) => v.message)).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
