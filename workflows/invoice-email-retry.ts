import { proxyActivities } from '@temporalio/workflow';
import type { InvoiceActivities } from '../src/invoices/activities.ts';

const { retryUnsentInvoiceEmails } = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 2 },
});

/** Scheduled every 15 minutes: notification e-mails the lifecycle workflow could not send are tried again. */
export async function invoiceEmailRetryWorkflow() {
  return retryUnsentInvoiceEmails();
}
