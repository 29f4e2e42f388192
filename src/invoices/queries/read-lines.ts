// The lines of a stored original (UBL, CII or Factur-X), as the invoice page shows them. Runs in a thread of the
// CPU pool: pure, it imports only formats/.
import { isFormatError, readInvoice, unitLabel, vatCategoryLabel, type Invoice } from '../../../formats/index.ts';

export interface InvoiceLineView {
  id: string;
  name: string;
  description: string | null;
  /** Decimal strings as written in the invoice, never floats. */
  quantity: string | null;
  unit: string | null;
  netPrice: string | null;
  vat: string;
  netAmount: string | null;
}

/** The lines, or null when the original cannot be read as an invoice (then the page points to the PDF). */
export async function readLines(input: { originalBase64: string }): Promise<InvoiceLineView[] | null> {
  let invoice: Invoice;
  try {
    invoice = (await readInvoice(new Uint8Array(Buffer.from(input.originalBase64, 'base64')))).invoice;
  } catch (error) {
    if (isFormatError(error)) return null;
    throw error;
  }
  return invoice.lines.map((l, i) => ({
    id: l.id ?? String(i + 1),
    name: l.item.name ?? '—',
    description: l.item.description ?? null,
    quantity: l.quantity ?? null,
    unit: l.unitCode ? unitLabel(l.unitCode) : null,
    netPrice: l.price.netPrice ?? null,
    vat:
      l.vat.rate !== undefined && l.vat.categoryCode === 'S'
        ? `${l.vat.rate.replace('.', ',')} %`
        : vatCategoryLabel(l.vat.categoryCode),
    netAmount: l.netAmount ?? null,
  }));
}
