// The run's end: DONE with its counts, or FAILED with the reason the workflow gave.
import { eq, sql } from 'drizzle-orm';
import { billingRunLines, billingRuns } from '../../../db/schema/billing.ts';
import type { BillingDeps } from '../settings.ts';

export async function finishRun(deps: BillingDeps, input: { runId: string; failure?: string }) {
  await deps.db
    .update(billingRuns)
    .set({
      status: input.failure ? 'FAILED' : 'DONE',
      failure: input.failure?.slice(0, 500) ?? null,
      finishedAt: deps.clock.now(),
    })
    .where(eq(billingRuns.id, input.runId));
  const counts = await deps.db
    .select({ outcome: billingRunLines.outcome, n: sql<number>`count(*)::int` })
    .from(billingRunLines)
    .where(eq(billingRunLines.runId, input.runId))
    .groupBy(billingRunLines.outcome);
  return Object.fromEntries(counts.map((c) => [c.outcome, c.n])) as Partial<Record<string, number>>;
}
