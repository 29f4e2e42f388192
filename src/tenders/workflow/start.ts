// Starting and signalling a consultation's workflow, after the commit of the verb that asks for it. A failure is
// logged and answered as `false`: the deposit window is also enforced by the clock in every verb, and the
// operator sees a published consultation without a workflow.
import { TENDER_WORKFLOW_TYPE, tenderWorkflowId, type TenderWorkflowInput } from '../domain/index.ts';
import type { TenderDeps } from '../settings.ts';

const START_TIMEOUT_MS = 10_000;

export async function startConsultationWorkflow(deps: TenderDeps, consultationId: string): Promise<boolean> {
  const { temporal, taskQueue } = deps;
  if (!temporal || !taskQueue) return false;
  try {
    const args: [TenderWorkflowInput] = [{ consultationId }];
    await temporal.connection.withDeadline(Date.now() + START_TIMEOUT_MS, () =>
      temporal.workflow.start(TENDER_WORKFLOW_TYPE, {
        workflowId: tenderWorkflowId(consultationId),
        taskQueue,
        args,
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    );
    return true;
  } catch (error) {
    deps.logger.error({ err: error, consultationId }, 'tender workflow start failed');
    return false;
  }
}

export async function signalConsultationWorkflow(
  deps: TenderDeps,
  consultationId: string,
  signal: string,
): Promise<boolean> {
  if (!deps.temporal) return false;
  try {
    await deps.temporal.workflow.getHandle(tenderWorkflowId(consultationId)).signal(signal);
    return true;
  } catch (error) {
    deps.logger.error({ err: error, consultationId, signal }, 'tender workflow signal failed');
    return false;
  }
}
