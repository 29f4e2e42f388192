// Starting a flow's transmission workflow: by the deposit right after its commit, and by the relay for a flow
// still POSTE whose start did not happen then. Idempotent: a running workflow under the id is kept.
import { PES_TRANSMISSION_WORKFLOW_TYPE, type PesTransmissionInput } from '../domain/contract.ts';
import { accountingSettings, type AccountingDeps } from '../settings.ts';

export async function launchPesWorkflow(
  deps: Pick<AccountingDeps, 'temporal' | 'taskQueue' | 'accounting'>,
  workflowId: string,
  flowId: string,
): Promise<void> {
  const { temporal, taskQueue } = deps;
  if (!temporal || !taskQueue) throw new Error('no Temporal client or task queue configured');
  const settings = accountingSettings(deps);
  const input: PesTransmissionInput = {
    flowId,
    ackAlarmMs: settings.ackAlarmMs,
    uploadAttempts: settings.uploadAttempts,
  };
  await temporal.connection.withDeadline(Date.now() + 10_000, () =>
    temporal.workflow.start(PES_TRANSMISSION_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  );
}
