// Tells an act's workflow what the agent asked, after the verb's commit. If Temporal is out of reach the request
// stays recorded and the client is told to try again: the verbs signal again on a repeated request, and the
// workflow's sends are idempotent (fixed archive names, dedupe keys), so a repeat never sends twice.
import { AppError } from '../../platform/errors.ts';
import { actWorkflowId, type ActsDeps } from '../deps.ts';
import { AGENT_SIGNAL, type AgentSignal } from '../domain/workflow-contract.ts';

export const WORKFLOW_UNREACHABLE = 'WORKFLOW_UNREACHABLE';

export async function signalAgentRequest(deps: ActsDeps, actId: string, request: AgentSignal): Promise<void> {
  try {
    if (!deps.temporal) throw new Error('no Temporal client configured');
    await deps.temporal.workflow.getHandle(actWorkflowId(actId)).signal(AGENT_SIGNAL, request);
  } catch (error) {
    deps.logger.error({ err: error, actId, request }, 'agent request recorded but not signalled to the act workflow');
    throw new AppError(
      WORKFLOW_UNREACHABLE,
      'Demande enregistrée, mais la transmission n’a pas pu être lancée : renouvelez la demande dans quelques minutes.',
      503,
    );
  }
}
