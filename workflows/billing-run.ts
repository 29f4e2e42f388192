import { ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from '../src/billing/activities.ts';
import type { BillingRunInput, BillingRunSummary } from '../src/billing/domain/workflow-contract.ts';

const acts = proxyActivities<BillingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds' },
});

/** Members issued at once: deposits are CPU-bound (PDF writing, validation), a few at a time keep the hub responsive. */
const PARALLEL_ISSUES = 4;

/**
 * One run of a year's contributions: plan every member (a dry run stops there), issue each contribution through the
 * hub's deposit, then write the PES Aller of the titles issued and hand it to the accounting module, which checks it
 * and transmits it to the treasury. Started by the operator with its run id, or by the
 * yearly schedule without one (it then opens a run for the current Paris year).
 */
export async function billingRunWorkflow(input: BillingRunInput = {}): Promise<BillingRunSummary> {
  const runId = input.runId ?? (await acts.openScheduledBillingRun(Date.now())).runId;
  try {
    const plan = await acts.planBillingRun(runId);
    for (let i = 0; i < plan.toIssue.length; i += PARALLEL_ISSUES) {
      const batch = plan.toIssue.slice(i, i + PARALLEL_ISSUES);
      await Promise.all(batch.map((structureId) => acts.issueContribution({ runId, structureId })));
    }
    const pesBordereau = plan.dryRun ? null : await acts.writeBillingRunPes(runId);
    // Runs recorded before the hand-over existed replay without it.
    // A hand-over that fails after its retries leaves the run done and its PES not handed (no flow on the run's
    // report): the invoices are issued either way, and the operator still has the file.
    if (pesBordereau !== null && patched('billing-pes-to-accounting'))
      await acts.handBillingRunPesToAccounting(runId).catch(() => null);
    const counts = await acts.finishBillingRun({ runId });
    return {
      runId,
      year: plan.year,
      dryRun: plan.dryRun,
      issued: counts.ISSUED ?? 0,
      alreadyIssued: counts.ALREADY_ISSUED ?? 0,
      blocked: counts.BLOCKED ?? 0,
      planned: counts.PLANNED ?? 0,
      pesBordereau,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await acts.finishBillingRun({ runId, failure: message });
    throw ApplicationFailure.nonRetryable(`billing run ${runId} failed: ${message}`);
  }
}
