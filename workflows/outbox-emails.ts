import { proxyActivities } from '@temporalio/workflow';
import type { InvoiceActivities } from '../src/invoices/activities.ts';

const { sendInvoiceEmails } = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumAttempts: 5 },
});

/**
 * Sends the outbox e-mails of one event now (an unlock link written by a login); what still fails after these
 * attempts is left to the 15-minute retry schedule of the outbox.
 */
export async function outboxEmailsWorkflow(eventKey: string) {
  return sendInvoiceEmails(eventKey);
}
