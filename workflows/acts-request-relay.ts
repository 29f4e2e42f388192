import { proxyActivities } from '@temporalio/workflow';
import type { ActsActivities } from '../src/acts/activities.ts';

const { actsRelayRequests } = proxyActivities<ActsActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3 },
});

/**
 * Scheduled every minute: an agent's reply, cancellation or 7-1 is committed first and signalled (or started)
 * after; when Temporal did not take that signal, this sends it again.
 */
export async function actsRequestRelayWorkflow() {
  return actsRelayRequests();
}
