import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoice } from './model/testing/arbitraries.ts';
import { writeCii } from './cii/write.ts';
import type { Invoice } from './model/invoice.ts';
import { readInvoiceXml } from './read.ts';
import { writeUbl } from './ubl/write.ts';
import { validate } from './validate/index.ts';
import { CII_D16B } from './validate/schema/cii-d16b.ts';
import { compileSchema, emptiable, type ComplexType, type Leaf } from './validate/schema/tables.ts';
import { UBL_2_1 } from './validate/schema/ubl-2.1.ts';
import { NS, parseXml, pathOf, type XmlElement } from './xml/index.ts';

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

/**
 * BT-83 (remittance information) lives inside PaymentMeans in UBL but outside in CII: a CII invoice with
 * BT-83 and no BT-81 can only become a UBL PaymentMeans without code, which BR-49 and the schema then report.
 */
function expectedUblOnly(inv: Invoice): string[] {
  const p = inv.paymentInstructions;
  return p && p.meansTypeCode === undefined && p.remittanceInformation !== undefined ? ['BR-49', 'UBL-XSD'] : [];
}

describe('documents written from valid corpus invoices break no rule the source did not break', () => {
  for (const file of files) {
    it(file, () => {
      const bytes = readFileSync(new URL(file, CORPUS));
      const source = fatalRules(bytes);
      const inv = readInvoiceXml(bytes).invoice;
      const allowedUbl = new Set([...source, ...expectedUblOnly(inv)]);
      expect([...fatalRules(writeUbl(inv))].filter((r) => !allowedUbl.has(r))).toEqual([]);
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

const CII_SCHEMA = compileSchema(CII_D16B);
const UBL_SCHEMA = compileSchema(UBL_2_1);

/**
 * Empty elements (no text, no child) of a written document that the schema does not force: an element may be written
 * empty only where it is mandatory and its type allows empty content (a CII delivery without any delivery term).
 */
function needlessEmptyElements(xml: string): string[] {
  const root = parseXml(xml);
  const schema = root.ns === NS.RSM ? CII_SCHEMA : UBL_SCHEMA;
  const found: string[] = [];
  const visit = (el: XmlElement, type: ComplexType | Leaf | undefined): void => {
    for (const a of el.attrs.values()) if (a.trim() === '') found.push(`${pathOf(el)} (attribut vide)`);
    if (!type || type.leaf || type.any) return;
    for (const c of el.children) {
      const particle = type.particles.find((p) => p.elements.some((e) => e.local === c.local && e.ns === c.ns));
      const decl = particle?.elements.find((e) => e.local === c.local && e.ns === c.ns);
      const empty = c.children.length === 0 && c.text.trim() === '';
      if (empty && !(particle && decl && particle.min > 0 && emptiable(decl.type))) found.push(pathOf(c));
      visit(c, decl?.type);
    }
  };
  visit(root, schema.roots.get(`{${root.ns}}${root.local}`));
  return found;
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
