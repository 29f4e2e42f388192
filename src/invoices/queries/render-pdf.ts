// The French PDF rendering of a structured original (UBL or CII). Runs in a thread of the CPU pool: pure, it
// imports only formats/.
import { readInvoice, renderInvoicePdf } from '../../../formats/index.ts';

/** The original as bytes, or as the base64 text the database gave (decoded here rather than on the event loop). */
export type RenderInput = { original: Uint8Array } | { originalBase64: string };

export async function renderPdf(input: RenderInput): Promise<Uint8Array> {
  const bytes = 'original' in input ? input.original : new Uint8Array(Buffer.from(input.originalBase64, 'base64'));
  const { invoice } = await readInvoice(bytes);
  return renderInvoicePdf(invoice);
}
