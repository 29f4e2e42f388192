// The EN 16931 model of a visible invoice, read from its original: what the rows and the pivot need beyond the
// invoice record (contract reference, preceding invoice, lines, VAT breakdown, payment means, attachments).
import { readInvoice, type Invoice } from '../../../../formats/index.ts';
import { getInvoiceOriginal } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import type { MirrorSession } from '../session.ts';

export async function invoiceModel(deps: AppDeps, session: MirrorSession, invoiceId: string): Promise<Invoice> {
  const original = await getInvoiceOriginal(deps, session.actor, invoiceId);
  return (await readInvoice(original.bytes)).invoice;
}

/** A loader that reads each invoice once per request. */
export function modelLoader(deps: AppDeps, session: MirrorSession): (invoiceId: string) => Promise<Invoice> {
  const cache = new Map<string, Promise<Invoice>>();
  return (invoiceId) => {
    let model = cache.get(invoiceId);
    if (!model) {
      model = invoiceModel(deps, session, invoiceId);
      cache.set(invoiceId, model);
    }
    return model;
  };
}
