import { describe, expect, it } from 'vitest';
import { invoiceLineOf } from './violation-location.ts';

describe('invoiceLineOf', () => {
  it('reads the invoice line of a UBL or CII path', () => {
    expect(invoiceLineOf('/Invoice/cac:InvoiceLine[3]/cbc:LineExtensionAmount')).toBe(3);
    expect(invoiceLineOf('/Invoice/cac:InvoiceLine/cac:Item/cbc:Name')).toBe(1);
    expect(invoiceLineOf('/CreditNote/cac:CreditNoteLine[12]')).toBe(12);
    expect(
      invoiceLineOf(
        '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[2]/ram:SpecifiedLineTradeSettlement',
      ),
    ).toBe(2);
  });

  it('gives nothing for the header or a file position', () => {
    expect(invoiceLineOf('/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount')).toBeUndefined();
    expect(invoiceLineOf('/Invoice/cac:InvoiceLinePeriod')).toBeUndefined();
    expect(invoiceLineOf('ligne 12, colonne 5')).toBeUndefined();
    expect(invoiceLineOf('')).toBeUndefined();
  });
});
