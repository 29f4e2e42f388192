// One 7-1 DemandeClassification sent to the ministry, retried with backoff until it is taken; the answer (7-2 or
// 7-3) comes by mail and is recorded by the mailbox reading.
import { proxyActivities } from '@temporalio/workflow';
import type { ActsActivities } from '../src/acts/activities.ts';

const send = proxyActivities<ActsActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function actClassificationRequestWorkflow(requestId: string): Promise<{ archiveName: string }> {
  return send.actSendClassificationRequest(requestId);
}
