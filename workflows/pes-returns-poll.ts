// Scheduled every 4 minutes: reads the treasury's returns folder and routes what it finds (see pollTreasuryReturns).
import { proxyActivities } from '@temporalio/workflow';
import type { AccountingActivities } from '../src/accounting/activities.ts';

const { pollTreasuryReturns } = proxyActivities<AccountingActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '30 seconds', maximumAttempts: 3 },
});

export async function pesReturnsPollWorkflow() {
  return pollTreasuryReturns();
}
