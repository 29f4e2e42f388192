import { proxyActivities } from '@temporalio/workflow';
import type { InvoiceActivities } from '../src/invoices/activities.ts';

const { startUnlaunchedInvoiceWorkflows } = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3 },
});

/**
 * Scheduled every minute: the deposit commits the invoice, then starts its lifecycle workflow; when that start
 * failed (Temporal out of reach) or never ran (process stopped in between), this starts it.
 */
export async function invoiceStartRelayWorkflow() {
  return startUnlaunchedInvoiceWorkflows();
}
