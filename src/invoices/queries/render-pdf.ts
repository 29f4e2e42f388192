// The French PDF rendering of a structured original (UBL or CII). Runs in a thread of the CPU pool: pure, it
// imports only formats/.
import { readInvoice, renderInvoicePdf } from '../../../formats/index.ts';

export async function renderPdf(input: { original: Uint8Array }): Promise<Uint8Array> {
  const { invoice } = await readInvoice(input.original);
  return renderInvoicePdf(invoice);
}
