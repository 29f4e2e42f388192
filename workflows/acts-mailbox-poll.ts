// Scheduled every ACTES_POLL_SECONDS: reads the ministry's answers mailbox and signals the acts' workflows.
import { proxyActivities } from '@temporalio/workflow';
import type { ActsActivities } from '../src/acts/activities.ts';

const { actsReadMailbox } = proxyActivities<ActsActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
});

export async function actsMailboxPollWorkflow() {
  return actsReadMailbox();
}
