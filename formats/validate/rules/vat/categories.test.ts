import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../../testing/builders.ts';
import { fatalIds } from '../../testing/run.ts';

const zero = { line: '100.00', exclusive: '100.00', inclusive: '100.00', payable: '100.00' };

describe('VAT category rules', () => {
  it('BR-S-05: a standard-rated line needs a rate above zero', () => {
    const ids = fatalIds(
      ubl({
        lines: [{ net: '100.00', price: '100.00', rate: '0' }],
        breakdowns: [['S', '0', '100.00', '0.00']],
        totals: zero,
      }),
    );
    expect(ids).toContain('BR-S-05');
  });

  it('BR-S-08: breakdown taxable amount matches the lines', () => {
    const ids = fatalIds(
      ubl({ breakdowns: [['S', '20', '90.00', '18.00']], totals: { inclusive: '118.00', payable: '118.00' } }),
    );
    expect(ids).toContain('BR-S-08');
  });

  it('BR-Z: zero-rated lines with a zero rate and a Z breakdown are valid', () => {
    expect(
      fatalIds(
        ubl({
          lines: [{ net: '100.00', price: '100.00', cat: 'Z', rate: '0' }],
          breakdowns: [['Z', '0', '100.00', '0.00']],
          totals: zero,
        }),
      ),
    ).toEqual([]);
  });

  it('BR-E-10: an exempt breakdown needs an exemption reason', () => {
    const ids = fatalIds(
      ubl({
        lines: [{ net: '100.00', price: '100.00', cat: 'E', rate: '0' }],
        breakdowns: [['E', '0', '100.00', '0.00']],
        totals: zero,
      }),
    );
    expect(ids).toContain('BR-E-10');
    const ok = fatalIds(
      ubl({
        lines: [{ net: '100.00', price: '100.00', cat: 'E', rate: '0' }],
        breakdowns: [
          ['E', '0', '100.00', '0.00', '<cbc:TaxExemptionReason>Exonération art. 261</cbc:TaxExemptionReason>'],
        ],
        totals: zero,
      }),
    );
    expect(ok).toEqual([]);
  });

  it('BR-AE: reverse charge needs the buyer VAT identifier or legal registration', () => {
    const buyer = `<cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="0009">21690123100011</cbc:EndpointID>
<cac:PostalAddress><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyLegalEntity><cbc:RegistrationName>Client</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>`;
    const ids = fatalIds(
      ubl({
        buyer,
        lines: [{ net: '100.00', price: '100.00', cat: 'AE', rate: '0' }],
        breakdowns: [['AE', '0', '100.00', '0.00', '<cbc:TaxExemptionReason>Autoliquidation</cbc:TaxExemptionReason>']],
        totals: zero,
      }),
    );
    expect(ids).toContain('BR-AE-02');
  });

  it('BR-O: not subject to VAT lines carry no rate and the seller no VAT id', () => {
    const ids = fatalIds(
      ubl({
        lines: [{ net: '100.00', price: '100.00', cat: 'O', rate: '0' }],
        breakdowns: [['O', null, '100.00', '0.00', '<cbc:TaxExemptionReason>Hors champ</cbc:TaxExemptionReason>']],
        totals: zero,
      }),
    );
    expect(ids).toContain('BR-O-02');
    expect(ids).toContain('BR-O-05');
  });

  it('CII: a standard-rated breakdown with a wrong tax amount', () => {
    const summation =
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">25.00</ram:TaxTotalAmount><ram:GrandTotalAmount>125.00</ram:GrandTotalAmount><ram:DuePayableAmount>125.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
    expect(fatalIds(cii({ breakdowns: [['S', '20', '100.00', '25.00']], summation }))).toContain('BR-CO-17');
  });
});
