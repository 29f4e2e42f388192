// What the operator reads of a run: per member the amount, the tier, the invoice id and number and the invoice's
// status in its lifecycle; the counts and the sums by tier.
import { asc, eq } from 'drizzle-orm';
import Decimal from 'decimal.js';
import { billingContributions, billingPesFiles, billingRunLines, billingRuns } from '../../../db/schema/billing.ts';
import { pesFlows } from '../../../db/schema/accounting.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import { requireOperator } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { totalsByTier } from '../domain/contribution.ts';
import type { LineOutcome, RunStatus } from '../domain/outcomes.ts';
import type { BillingDeps } from '../settings.ts';

export interface RunReportLine {
  structureId: string;
  memberName: string;
  outcome: LineOutcome;
  tier: string | null;
  amount: string | null;
  totalAmount: string | null;
  billedDays: number | null;
  yearDays: number | null;
  invoiceId: string | null;
  number: string | null;
  invoiceStatus: string | null;
  message: string | null;
}

export interface RunReport {
  id: string;
  year: number;
  dryRun: boolean;
  status: RunStatus;
  issueDate: string;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  failure: string | null;
  counts: Record<LineOutcome, number>;
  total: { amount: string; totalAmount: string };
  totalsByTier: ReturnType<typeof totalsByTier>;
  /** The PES of the titles and, once handed to the accounting module, its flow and the flow's status. */
  pes: { bordereau: number; nomFic: string; titles: number; flowId: string | null; flowStatus: string | null } | null;
  lines: RunReportLine[];
}

export async function getRunReport({ ctx, input }: VerbCall<BillingDeps, { runId: string }>): Promise<RunReport> {
  requireOperator(ctx.actor);
  const db = ctx.deps.db;
  const [run] = await db.select().from(billingRuns).where(eq(billingRuns.id, input.runId));
  if (!run) throw notFound('Campagne de facturation');
  const rows = await db
    .select({
      line: billingRunLines,
      number: billingContributions.number,
      invoiceId: billingContributions.invoiceId,
      invoiceStatus: invoices.status,
    })
    .from(billingRunLines)
    .leftJoin(billingContributions, eq(billingContributions.id, billingRunLines.contributionId))
    .leftJoin(invoices, eq(invoices.id, billingContributions.invoiceId))
    .where(eq(billingRunLines.runId, run.id))
    .orderBy(asc(billingRunLines.memberName));
  const [pesRow] = await db
    .select({ file: billingPesFiles, flowStatus: pesFlows.status })
    .from(billingPesFiles)
    .leftJoin(pesFlows, eq(pesFlows.id, billingPesFiles.pesFlowId))
    .where(eq(billingPesFiles.runId, run.id));
  const lines: RunReportLine[] = rows.map(({ line, number, invoiceId, invoiceStatus }) => {
    const facts = (line.line ?? null) as { billedDays?: number; yearDays?: number } | null;
    return {
      structureId: line.structureId,
      memberName: line.memberName,
      outcome: line.outcome,
      tier: line.tierLabel,
      amount: line.amount,
      totalAmount: line.totalAmount,
      billedDays: facts?.billedDays ?? null,
      yearDays: facts?.yearDays ?? null,
      invoiceId: invoiceId ?? null,
      number: number ?? null,
      invoiceStatus: invoiceStatus ?? null,
      message: line.message,
    };
  });
  const counts = { PLANNED: 0, ISSUED: 0, ALREADY_ISSUED: 0, BLOCKED: 0 } as Record<LineOutcome, number>;
  for (const l of lines) counts[l.outcome] += 1;
  // The sums of what this run issues (or would issue, for a dry run); members issued earlier are not counted.
  const counted = lines.filter((l) => l.outcome === 'ISSUED' || l.outcome === 'PLANNED');
  const byTier = totalsByTier(
    counted.map((l) => ({ tierLabel: l.tier, amount: l.amount, totalAmount: l.totalAmount })),
  );
  const sum = (key: 'amount' | 'totalAmount') => byTier.reduce((s, t) => s.plus(t[key]), new Decimal(0)).toFixed(2);
  return {
    id: run.id,
    year: run.year,
    dryRun: run.dryRun,
    status: run.status,
    issueDate: run.issueDate,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    failure: run.failure,
    counts,
    total: { amount: sum('amount'), totalAmount: sum('totalAmount') },
    totalsByTier: byTier,
    pes: pesRow
      ? {
          bordereau: pesRow.file.bordereau,
          nomFic: pesRow.file.nomFic,
          titles: pesRow.file.titles,
          flowId: pesRow.file.pesFlowId,
          flowStatus: pesRow.flowStatus,
        }
      : null,
    lines,
  };
}

export async function listRuns({ ctx, input }: VerbCall<BillingDeps, { year: number }>) {
  requireOperator(ctx.actor);
  return ctx.deps.db
    .select()
    .from(billingRuns)
    .where(eq(billingRuns.year, input.year))
    .orderBy(asc(billingRuns.createdAt));
}
