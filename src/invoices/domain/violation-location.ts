// Where a finding of the validation sits, in the supplier's terms: the invoice line it belongs to, read from the
// XPath the validator gives (which software keeps; a person reads a business term and a line number).

/** The elements of one invoice line (BG-25): UBL invoice and credit note lines, CII trade line items. */
const LINE_STEP = /\/(?:cac:InvoiceLine|cac:CreditNoteLine|ram:IncludedSupplyChainTradeLineItem)(?:\[(\d+)\])?(?=\/|$)/;

/** The 1-based number of the invoice line a path points into, in document order; undefined for the header. */
export function invoiceLineOf(path: string): number | undefined {
  const m = LINE_STEP.exec(path);
  if (!m) return undefined;
  return m[1] === undefined ? 1 : Number(m[1]);
}
