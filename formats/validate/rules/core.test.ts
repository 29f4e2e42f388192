import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { check, fatalIds } from '../testing/run.ts';

describe('core rules (BR-01 … BR-67)', () => {
  it('accepts the UBL and CII baselines', () => {
    expect(fatalIds(ubl())).toEqual([]);
    expect(fatalIds(cii())).toEqual([]);
  });

  it('BR-01: specification identifier is mandatory', () => {
    expect(fatalIds(ubl({ customization: null }))).toContain('BR-01');
    expect(fatalIds(cii({ guideline: null }))).toContain('BR-01');
  });

  it('BR-06: seller name is mandatory', () => {
    const seller = `<cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="0009">12345678200010</cbc:EndpointID>
<cac:PostalAddress><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyTaxScheme><cbc:CompanyID>FR32123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
<cac:PartyLegalEntity><cbc:CompanyID schemeID="0002">123456789</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>`;
    const ids = fatalIds(ubl({ seller }));
    expect(ids).toContain('BR-06');
  });

  it('BR-16: at least one invoice line', () => {
    expect(
      fatalIds(
        ubl({
          lines: [],
          totals: { line: '0.00', exclusive: '0.00', inclusive: '0.00', payable: '0.00' },
          breakdowns: [['S', '20', '0.00', '0.00']],
        }),
      ),
    ).toContain('BR-16');
  });

  it('BR-21 / BR-25: line identifier and item name are mandatory', () => {
    expect(fatalIds(ubl({ lines: [{ id: '', net: '100.00', price: '100.00' }] }))).toContain('BR-21');
    expect(fatalIds(ubl({ lines: [{ name: '', net: '100.00', price: '100.00' }] }))).toContain('BR-25');
  });

  it('BR-27: the item net price is not negative', () => {
    const ids = fatalIds(ubl({ lines: [{ net: '100.00', price: '-100.00' }] }));
    expect(ids).toContain('BR-27');
  });

  it('reports a French message naming the business term, with a path', () => {
    const v = check(ubl({ customization: null })).find((x) => x.rule === 'BR-01');
    expect(v?.severity).toBe('fatal');
    expect(v?.bt).toBe('BT-24');
    expect(v?.message).toMatch(/BT-24/);
    expect(v?.path.startsWith('/Invoice')).toBe(true);
  });
});
