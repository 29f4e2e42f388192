import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../src/activities.ts';

const { purgeExpiredCredentials } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5 },
});

/** Hourly housekeeping: ended sessions, expired API tokens and stale login throttles are deleted. */
export async function purgeExpiredCredentialsWorkflow() {
  return purgeExpiredCredentials();
}
