// What the lifecycle workflow needs to know about its invoice when it starts.
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import type { LifecycleDeps } from './record-transition.ts';

export interface LifecycleInvoice {
  invoiceId: string;
  status: InvoiceStatus;
  eventCount: number;
  buyerId: string;
  supplierId: string;
}

/**
 * The invoice row, as the workflow starts. The deposit starts the workflow before committing its transaction,
 * so a missing row is retried for a while (type INVOICE_NOT_VISIBLE); still missing, the deposit rolled back.
 */
export async function loadLifecycleInvoice(deps: LifecycleDeps, invoiceId: string): Promise<LifecycleInvoice> {
  const [row] = await deps.db
    .select({
      status: invoices.status,
      eventCount: invoices.eventCount,
      buyerId: invoices.buyerId,
      supplierId: invoices.supplierId,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  if (!row) throw ApplicationFailure.create({ type: 'INVOICE_NOT_VISIBLE', message: `Invoice ${invoiceId} is not (yet) in the database.` });
  return { invoiceId, ...row };
}
