import { proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from '../src/billing/activities.ts';

const { sendContributionReminders } = proxyActivities<BillingActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3 },
});

/** Daily: the reminders of unpaid contributions due before or after their due date. */
export async function billingRemindersWorkflow() {
  return sendContributionReminders();
}
