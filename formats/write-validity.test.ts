import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoice } from './model/testing/arbitraries.ts';
import { writeCii } from './cii/write.ts';
import type { Invoice } from './model/invoice.ts';
import { readInvoiceXml } from './read.ts';
import { writeUbl } from './ubl/write.ts';
import { validate } from './validate/index.ts';

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
