// The operator asks for a run of a year, real or dry: the run is recorded (and audited) first, then its workflow is
// started. The yearly schedule opens its own run through openScheduledRun.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { billingRuns } from '../../../db/schema/billing.ts';
import { auditActorRef, recordAudit } from '../../platform/audit/index.ts';
import { requireOperator, systemActor, type Actor } from '../../platform/auth/index.ts';
import { parisDay } from '../../platform/calendar/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { BILLING_RUN_WORKFLOW_TYPE, billingRunWorkflowId, type BillingRunInput } from '../domain/workflow-contract.ts';
import type { BillingDeps } from '../settings.ts';

export const MIN_YEAR = 2017;
export const MAX_YEAR = 2100;

async function recordRun(db: Db, actor: Actor, year: number, dryRun: boolean, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const ref = auditActorRef(actor);
    const [run] = await tx
      .insert(billingRuns)
      .values({ year, dryRun, requestedBy: `${ref.kind}:${ref.id}`, issueDate: parisDay(now).date, createdAt: now })
      .returning({ id: billingRuns.id });
    await recordAudit(tx, {
      actor,
      action: dryRun ? 'billing_run.simulate' : 'billing_run.start',
      subject: { type: 'billing_run', id: run!.id },
      after: { year, dryRun },
    });
    return run!.id;
  });
}

export async function startBillingRun({
  ctx,
  input,
}: VerbCall<BillingDeps, { year: number; dryRun: boolean }>): Promise<{ runId: string }> {
  const actor = requireOperator(ctx.actor);
  if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > MAX_YEAR)
    throw new AppError('VALIDATION_FAILED', `Année : un exercice entre ${MIN_YEAR} et ${MAX_YEAR}.`);
  const { temporal, taskQueue } = ctx.deps;
  if (!temporal || !taskQueue)
    throw new AppError('TEMPORAL_UNAVAILABLE', 'Le moteur de traitements est indisponible : réessayez plus tard.', 503);
  const runId = await recordRun(ctx.deps.db, actor, input.year, input.dryRun, ctx.deps.clock.now());
  const args: [BillingRunInput] = [{ runId }];
  try {
    await temporal.workflow.start(BILLING_RUN_WORKFLOW_TYPE, {
      workflowId: billingRunWorkflowId(runId),
      taskQueue,
      args,
    });
  } catch (error) {
    ctx.deps.logger.error({ err: error, runId }, 'billing run workflow start failed');
    await ctx.deps.db
      .update(billingRuns)
      .set({
        status: 'FAILED',
        failure: 'Démarrage impossible : moteur de traitements indisponible.',
        finishedAt: ctx.deps.clock.now(),
      })
      .where(eq(billingRuns.id, runId));
    throw new AppError('TEMPORAL_UNAVAILABLE', 'Le moteur de traitements est indisponible : réessayez plus tard.', 503);
  }
  return { runId };
}

/** The yearly schedule's own run, for the Paris year of `atMs` (the workflow's time). */
export async function openScheduledRun(deps: BillingDeps, atMs: number): Promise<{ runId: string; year: number }> {
  const at = new Date(atMs);
  const year = Number(parisDay(at).date.slice(0, 4));
  const runId = await recordRun(deps.db, systemActor('billing-run'), year, false, at);
  return { runId, year };
}
