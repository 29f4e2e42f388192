// The request relay, scheduled every minute (schedules.ts): what an agent asked and the hub committed, but whose
// signal or workflow start Temporal did not confirm for a minute (out of reach then, or the process stopped in
// between), is signalled or started again. The workflow drops a repeated request and the 7-1 start keeps the
// request's workflow id, so a relay that overlaps a late confirmation sends nothing twice.
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { actAgentRequests, actClassificationRequests } from '../../../db/schema/acts.ts';
import { launchClassificationRequest } from '../classification/launch-request.ts';
import type { ActsDeps } from '../deps.ts';
import type { AgentSignal } from '../domain/workflow-contract.ts';
import { deliverAgentRequest } from './signal-agent.ts';

export interface RequestRelayOptions {
  /** Requests committed more recently are left to their verb's own signal (default 60 s). */
  graceMs?: number;
  /** At most this many of each kind per run (default 200); the next run takes the rest. */
  limit?: number;
}

export interface RequestRelayResult {
  found: number;
  delivered: number;
  failed: number;
  /** The act's workflow has ended: the request can no longer be sent (kept with the reason). */
  undeliverable: number;
}

const ENDED =
  'le suivi de la transmission de cet acte est terminé : la demande n’a pas pu être transmise à la préfecture';

export async function relayAgentRequests(
  deps: ActsDeps,
  options: RequestRelayOptions = {},
): Promise<RequestRelayResult> {
  const before = new Date(deps.clock.now().getTime() - (options.graceMs ?? 60_000));
  const limit = options.limit ?? 200;
  const result: RequestRelayResult = { found: 0, delivered: 0, failed: 0, undeliverable: 0 };
  const pending = await deps.db
    .select()
    .from(actAgentRequests)
    .where(
      and(
        isNull(actAgentRequests.signalledAt),
        isNull(actAgentRequests.undeliverable),
        lt(actAgentRequests.committedAt, before),
      ),
    )
    .orderBy(asc(actAgentRequests.committedAt))
    .limit(limit);
  for (const request of pending) {
    result.found += 1;
    try {
      await deliverAgentRequest(deps, request.actId, request.signal as AgentSignal);
      result.delivered += 1;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        result.undeliverable += 1;
        await deps.db.update(actAgentRequests).set({ undeliverable: ENDED }).where(eq(actAgentRequests.id, request.id));
        deps.logger.warn({ actId: request.actId, key: request.requestKey }, 'agent request undeliverable');
      } else {
        result.failed += 1;
        deps.logger.warn({ err: error, actId: request.actId }, 'agent request relay failed; the next run tries again');
      }
    }
  }
  const unstarted = await deps.db
    .select({ id: actClassificationRequests.id })
    .from(actClassificationRequests)
    .where(and(isNull(actClassificationRequests.startedAt), lt(actClassificationRequests.requestedAt, before)))
    .orderBy(asc(actClassificationRequests.requestedAt))
    .limit(limit);
  for (const request of unstarted) {
    result.found += 1;
    try {
      await launchClassificationRequest(deps, request.id);
      result.delivered += 1;
    } catch (error) {
      result.failed += 1;
      deps.logger.warn({ err: error, requestId: request.id }, 'classification request start failed; tried again');
    }
  }
  if (result.found > 0) deps.logger.info(result, 'agent requests relayed');
  return result;
}
