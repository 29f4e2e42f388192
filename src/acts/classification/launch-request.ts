// Starting the workflow that sends a 7-1, after the request's commit and again from the request relay while its
// start is not confirmed. Idempotent: a running workflow under the request's id is kept, and a closed one means
// it was started already (its send is recorded on the request), so neither starts a second.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { and, eq, isNull } from 'drizzle-orm';
import { actClassificationRequests } from '../../../db/schema/acts.ts';
import type { ActsDeps } from '../deps.ts';
import { CLASSIFICATION_REQUEST_WORKFLOW_TYPE, classificationRequestWorkflowId } from '../domain/workflow-contract.ts';
import { SIGNAL_TIMEOUT_MS } from '../requests/signal-agent.ts';

export async function launchClassificationRequest(deps: ActsDeps, requestId: string): Promise<void> {
  const { temporal, taskQueue } = deps;
  if (!temporal || !taskQueue) throw new Error('no Temporal client or task queue configured');
  try {
    await temporal.connection.withDeadline(Date.now() + SIGNAL_TIMEOUT_MS, () =>
      temporal.workflow.start(CLASSIFICATION_REQUEST_WORKFLOW_TYPE, {
        workflowId: classificationRequestWorkflowId(requestId),
        taskQueue,
        args: [requestId],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await deps.db
    .update(actClassificationRequests)
    .set({ startedAt: deps.clock.now() })
    .where(and(eq(actClassificationRequests.id, requestId), isNull(actClassificationRequests.startedAt)));
}
