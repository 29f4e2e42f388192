import { describe, expect, it } from 'vitest';
import { readInvoiceXml } from '../read.ts';
import { validate } from './index.ts';
import { cii, ubl } from './testing/builders.ts';

const N = 20_000;
const lines = Array.from({ length: N }, () => ({ net: '1.00', price: '1.00' }));
const breakdowns: [string, string, string, string][] = [['S', '20', `${N}.00`, `${N / 5}.00`]];

/** Fatal violations of a whole document (its speed is measured by bench/formats.ts). */
function fatalCount(xml: string): number {
  const r = readInvoiceXml(xml);
  const v = validate({
    syntax: r.syntax,
    invoice: r.invoice,
    root: r.root,
    xmlSyntax: r.syntax,
    locations: r.locations,
  });
  return v.filter((x) => x.severity === 'fatal').length;
}

describe('large invoices', { timeout: 120_000 }, () => {
  it(`validates a correct ${N}-line UBL invoice without a violation`, () => {
    const xml = ubl({
      lines,
      breakdowns,
      totals: { line: `${N}.00`, exclusive: `${N}.00`, inclusive: `${N * 1.2}.00`, payable: `${N * 1.2}.00` },
    });
    expect(fatalCount(xml)).toBe(0);
    // One wrong line amount is found among the twenty thousand.
    expect(
      fatalCount(
        xml.replace(
          '<cbc:LineExtensionAmount currencyID="EUR">1.00</cbc:LineExtensionAmount>',
          '<cbc:LineExtensionAmount currencyID="EUR">2.00</cbc:LineExtensionAmount>',
        ),
      ),
    ).toBeGreaterThan(0);
  });

  it(`validates a correct ${N}-line CII invoice without a violation`, () => {
    const summation = `<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>${N}.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>${N}.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">${N / 5}.00</ram:TaxTotalAmount><ram:GrandTotalAmount>${N * 1.2}.00</ram:GrandTotalAmount><ram:DuePayableAmount>${N * 1.2}.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>`;
    expect(fatalCount(cii({ lines, breakdowns, summation }))).toBe(0);
  });
});
