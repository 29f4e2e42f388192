// Scheduled: starts the push of every invoice addressed to a structure that receives through Chorus Pro and not
// pushed yet. The push workflow's id derives from the invoice, so an invoice is never pushed by two workflows.
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ChorusActivities } from '../src/chorus/activities.ts';
import { chorusPushInvoiceWorkflow } from './chorus-push-invoice.ts';
import { chorusPushWorkflowId, type ChorusTiming } from '../src/chorus/domain/workflow-contract.ts';

const { chorusInvoicesToPush } = proxyActivities<ChorusActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

export async function chorusOutboxWorkflow(
  input: { timing?: Partial<ChorusTiming> } = {},
): Promise<{ started: number }> {
  let started = 0;
  for (const invoiceId of await chorusInvoicesToPush()) {
    try {
      await startChild(chorusPushInvoiceWorkflow, {
        workflowId: chorusPushWorkflowId(invoiceId),
        args: [{ invoiceId, ...(input.timing ? { timing: input.timing } : {}) }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      started += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  return { started };
}
