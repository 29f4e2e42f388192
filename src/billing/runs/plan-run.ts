// First step of a run: every member's contribution computed from the grid and its terms, recorded as the run's
// lines. A dry run stops there (the list and totals, nothing issued); a real run issues the members to issue.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { billingContributions, billingRunLines, billingRuns } from '../../../db/schema/billing.ts';
import { computeContribution } from '../domain/contribution.ts';
import { billableMembers } from '../members/billable-members.ts';
import { listTiers } from '../grid/tiers.ts';
import type { BillingDeps } from '../settings.ts';

export interface RunPlan {
  runId: string;
  year: number;
  dryRun: boolean;
  /** Members to issue (in the order of the directory), when the run is real. */
  toIssue: string[];
}

export async function loadRun(db: Db, runId: string) {
  const [run] = await db.select().from(billingRuns).where(eq(billingRuns.id, runId));
  if (!run) throw new Error(`billing run ${runId} not found`);
  return run;
}

export async function planRun(deps: BillingDeps, runId: string): Promise<RunPlan> {
  const db = deps.db;
  const run = await loadRun(db, runId);
  const [members, tiers, existing] = await Promise.all([
    billableMembers(db),
    listTiers(db),
    db.select().from(billingContributions).where(eq(billingContributions.year, run.year)),
  ]);
  const issued = new Map(existing.map((c) => [c.structureId, c]));
  const toIssue: string[] = [];
  const lines: (typeof billingRunLines.$inferInsert)[] = [];
  for (const member of members) {
    const done = issued.get(member.structureId);
    if (done?.invoiceId) {
      lines.push({
        runId,
        structureId: member.structureId,
        memberName: member.name,
        outcome: 'ALREADY_ISSUED',
        tierLabel: done.tierLabel,
        amount: done.amount,
        totalAmount: done.totalAmount,
        line: done.line,
        contributionId: done.id,
      });
      continue;
    }
    const result = computeContribution(member, tiers, run.year);
    if (result.kind === 'not_member') continue;
    if (result.kind === 'blocked') {
      lines.push({
        runId,
        structureId: member.structureId,
        memberName: member.name,
        outcome: 'BLOCKED',
        message: result.message,
      });
      continue;
    }
    lines.push({
      runId,
      structureId: member.structureId,
      memberName: member.name,
      outcome: 'PLANNED',
      tierLabel: result.line.tierLabel,
      amount: result.line.amount,
      totalAmount: result.line.totalAmount,
      line: result.line,
    });
    toIssue.push(member.structureId);
  }
  await db.transaction(async (tx) => {
    // A retried activity writes the same lines again.
    await tx.delete(billingRunLines).where(eq(billingRunLines.runId, runId));
    if (lines.length > 0) await tx.insert(billingRunLines).values(lines);
    await tx
      .update(billingRuns)
      .set(run.dryRun ? { status: 'DONE', finishedAt: deps.clock.now() } : { status: 'RUNNING' })
      .where(and(eq(billingRuns.id, runId)));
  });
  return { runId, year: run.year, dryRun: run.dryRun, toIssue: run.dryRun ? [] : toIssue };
}
