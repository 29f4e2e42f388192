// What the lifecycle workflow needs to know about its invoice when it starts.
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
 * The invoice row as the workflow starts, or null while it is not visible: the deposit starts the workflow just
 * before committing, so the workflow asks again for a few seconds; still missing, the deposit rolled back.
 * A database failure throws, and is retried until the database is back.
 */
export async function loadLifecycleInvoice(deps: LifecycleDeps, invoiceId: string): Promise<LifecycleInvoice | null> {
  const [row] = await deps.db
    .select({
      status: invoices.status,
      eventCount: invoices.eventCount,
      buyerId: invoices.buyerId,
      supplierId: invoices.supplierId,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  return row ? { invoiceId, ...row } : null;
}
