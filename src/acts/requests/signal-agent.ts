// The agent's requests to an act's workflow (a reply to a letter, a cancellation) go through an outbox: the verb
// notes the request in its transaction (act_agent_requests), then signals after the commit and marks the row once
// Temporal took the signal. If Temporal is out of reach the request stays noted and the request relay
// (relay-requests.ts, every minute) signals it again; the workflow drops a repeat (same key), so the client is
// told the request will go, not to repeat it.
import { and, eq, isNull } from 'drizzle-orm';
import { actAgentRequests } from '../../../db/schema/acts.ts';
import type { Tx } from '../events.ts';
import { actWorkflowId, type ActsDeps } from '../deps.ts';
import { AGENT_SIGNAL, type AgentSignal } from '../domain/workflow-contract.ts';

/** Kept for the routes that keep an upload when a request could not be signalled (it is relayed now). */
export const WORKFLOW_UNREACHABLE = 'WORKFLOW_UNREACHABLE';

/** How long a verb waits for Temporal after its commit before leaving the request to the relay. */
export const SIGNAL_TIMEOUT_MS = 5_000;

export const ANSWER_SIGNALLED = 'Demande enregistrée : elle est transmise à la préfecture.';
export const ANSWER_RELAYED = 'Demande enregistrée : elle sera transmise dès que possible';

/** The request's key in the outbox and in the workflow: a letter takes one reply, an act one cancellation. */
export const agentRequestKey = (signal: AgentSignal): string =>
  signal.kind === 'reply' ? `reply:${signal.letterId}` : 'cancel';

/** In the verb's transaction: the request, not yet signalled (a second note of the same request is ignored). */
export async function noteAgentRequest(tx: Tx, actId: string, signal: AgentSignal, at: Date): Promise<void> {
  await tx
    .insert(actAgentRequests)
    .values({ actId, requestKey: agentRequestKey(signal), signal, committedAt: at })
    .onConflictDoNothing();
}

/** Signals the workflow and marks the request; Temporal out of reach is logged, not thrown (the relay takes it). */
export async function signalAgentRequest(deps: ActsDeps, actId: string, signal: AgentSignal): Promise<boolean> {
  try {
    await deliverAgentRequest(deps, actId, signal);
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, actId, signal }, 'agent request noted but not signalled; the relay will send it');
    return false;
  }
}

/** The signal itself, bounded in time, then the mark; throws what Temporal answered. */
export async function deliverAgentRequest(deps: ActsDeps, actId: string, signal: AgentSignal): Promise<void> {
  const temporal = deps.temporal;
  if (!temporal) throw new Error('no Temporal client configured');
  await temporal.connection.withDeadline(Date.now() + SIGNAL_TIMEOUT_MS, () =>
    temporal.workflow.getHandle(actWorkflowId(actId)).signal(AGENT_SIGNAL, signal),
  );
  await deps.db
    .update(actAgentRequests)
    .set({ signalledAt: deps.clock.now() })
    .where(
      and(
        eq(actAgentRequests.actId, actId),
        eq(actAgentRequests.requestKey, agentRequestKey(signal)),
        isNull(actAgentRequests.signalledAt),
      ),
    );
}
