import { describe, expect, it } from 'vitest';
import { readInvoiceXml } from '../read.ts';
import { parseXml } from '../xml/index.ts';
import { validate } from './index.ts';
import { cii, ubl } from './testing/builders.ts';

const N = 20_000;
const lines = Array.from({ length: N }, () => ({ net: '1.00', price: '1.00' }));
const breakdowns: [string, string, string, string][] = [['S', '20', `${N}.00`, `${N / 5}.00`]];

/** Best of two runs (the first one also pays for compilation). */
function timeValidate(xml: string): { parse: number; validate: number; fatal: number } {
  let best = { parse: Infinity, validate: Infinity, fatal: 0 };
  for (let i = 0; i < 2; i++) {
    let t = performance.now();
    parseXml(xml);
    const parse = performance.now() - t;
    const r = readInvoiceXml(xml);
    t = performance.now();
    const v = validate({ syntax: r.syntax, invoice: r.invoice, root: r.root, xmlSyntax: r.syntax, locations: r.locations });
    const took = performance.now() - t;
    best = { parse: Math.min(best.parse, parse), validate: Math.min(best.validate, took), fatal: v.filter((x) => x.severity === 'fatal').length };
  }
  return best;
}

describe('performance', { timeout: 60_000 }, () => {
  it(`validates a ${N}-line UBL invoice in under 2 s`, () => {
    const xml = ubl({ lines, breakdowns, totals: { line: `${N}.00`, exclusive: `${N}.00`, inclusive: `${N * 1.2}.00`, payable: `${N * 1.2}.00` } });
    const r = timeValidate(xml);
    console.log(`UBL ${N} lines: parse ${r.parse.toFixed(0)} ms, validate ${r.validate.toFixed(0)} ms`);
    expect(r.fatal).toBe(0);
    expect(r.validate).toBeLessThan(2000);
  });

  it(`validates a ${N}-line CII invoice in under 2 s`, () => {
    const summation = `<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>${N}.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>${N}.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">${N / 5}.00</ram:TaxTotalAmount><ram:GrandTotalAmount>${N * 1.2}.00</ram:GrandTotalAmount><ram:DuePayableAmount>${N * 1.2}.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>`;
    const r = timeValidate(cii({ lines, breakdowns, summation }));
    console.log(`CII ${N} lines: parse ${r.parse.toFixed(0)} ms, validate ${r.validate.toFixed(0)} ms`);
    expect(r.fatal).toBe(0);
    expect(r.validate).toBeLessThan(2000);
  });
});
