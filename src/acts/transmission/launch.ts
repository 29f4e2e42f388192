// Starting an act's transmission workflow after its creation commits; the mailbox poller's relay starts any whose
// start did not happen then (Temporal out of reach).
import type { ActsDeps } from '../deps.ts';
import { actWorkflowId } from '../deps.ts';
import { ACT_WORKFLOW_TYPE, type ActWorkflowInput } from '../domain/workflow-contract.ts';

export async function launchActWorkflow(deps: ActsDeps & { actsTiming?: ActWorkflowInput['timing'] }, actId: string) {
  const { temporal, taskQueue } = deps;
  if (!temporal || !taskQueue) throw new Error('no Temporal client or task queue configured');
  const input: ActWorkflowInput = { actId, timing: deps.actsTiming ?? {} };
  await temporal.workflow.start(ACT_WORKFLOW_TYPE, {
    workflowId: actWorkflowId(actId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** After the commit: a failure is logged, the act stays waiting and the relay starts it later. */
export async function launchAfterCommit(deps: ActsDeps, actId: string): Promise<void> {
  try {
    await launchActWorkflow(deps, actId);
  } catch (error) {
    deps.logger.warn({ err: error, actId }, 'act transmission workflow not started; the relay will start it');
  }
}
