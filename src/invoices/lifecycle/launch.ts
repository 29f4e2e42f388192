// Starting an invoice's lifecycle workflow: by the deposit right after its commit, and by the relay for any
// invoice whose start did not happen then (Temporal out of reach, process stopped in between).
import type { Client } from '@temporalio/client';
import { CURRENT_DELIVERY, INVOICE_WORKFLOW_TYPE, type InvoiceWorkflowInput } from '../domain/contract.ts';

export interface WorkflowStarter {
  temporal: Client | undefined;
  taskQueue: string | undefined;
  timeoutMs: number;
}

/**
 * Idempotent: a workflow already running under this id is kept (`USE_EXISTING`). A closed run under the id never
 * moved this invoice (the relay only starts invoices still DEPOSEE at their first event), so a new run may start.
 */
export async function launchInvoiceWorkflow(
  starter: WorkflowStarter,
  workflowId: string,
  input: Omit<InvoiceWorkflowInput, 'delivery'>,
): Promise<void> {
  const { temporal, taskQueue } = starter;
  if (!temporal || !taskQueue) throw new Error('no Temporal client or task queue configured');
  await temporal.connection.withDeadline(Date.now() + starter.timeoutMs, () =>
    temporal.workflow.start(INVOICE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [{ ...input, delivery: CURRENT_DELIVERY }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    }),
  );
}
