// The year's follow-up: every contribution issued for the year with the status its invoice reached in its
// lifecycle, paid (MISE_EN_PAIEMENT) or late (unpaid past its due date), and the sums by tier.
import { asc, eq } from 'drizzle-orm';
import Decimal from 'decimal.js';
import { billingContributions, billingPesFiles } from '../../../db/schema/billing.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import { requireOperator } from '../../platform/auth/index.ts';
import { parisDay } from '../../platform/calendar/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { totalsByTier } from '../domain/contribution.ts';
import { paymentState, type PaymentState } from '../domain/payment-state.ts';
import type { StoredLine } from '../runs/issue-contribution.ts';
import type { BillingDeps } from '../settings.ts';

export interface YearContribution {
  id: string;
  number: string;
  structureId: string;
  memberName: string;
  tier: string | null;
  amount: string;
  vatAmount: string;
  totalAmount: string;
  billedDays: number;
  yearDays: number;
  issueDate: string;
  dueDate: string;
  invoiceId: string | null;
  invoiceStatus: string | null;
  paidOn: string | null;
  state: PaymentState;
  pesBordereau: number | null;
}

export interface YearReport {
  year: number;
  today: string;
  contributions: YearContribution[];
  counts: { issued: number; paid: number; late: number; pending: number };
  amounts: { issued: string; paid: string; late: string };
  totalsByTier: ReturnType<typeof totalsByTier>;
  pesFiles: { bordereau: number; nomFic: string; titles: number; totalAmount: string; createdAt: string }[];
}

export async function getYearReport({ ctx, input }: VerbCall<BillingDeps, { year: number }>): Promise<YearReport> {
  requireOperator(ctx.actor);
  const today = parisDay(ctx.deps.clock.now()).date;
  const rows = await ctx.deps.db
    .select({ c: billingContributions, status: invoices.status, paidOn: invoices.paidOn })
    .from(billingContributions)
    .leftJoin(invoices, eq(invoices.id, billingContributions.invoiceId))
    .where(eq(billingContributions.year, input.year))
    .orderBy(asc(billingContributions.sequence));
  const contributions = rows.map(({ c, status, paidOn }): YearContribution => {
    const line = c.line as StoredLine;
    return {
      id: c.id,
      number: c.number,
      structureId: c.structureId,
      memberName: line.memberName,
      tier: c.tierLabel,
      amount: c.amount,
      vatAmount: c.vatAmount,
      totalAmount: c.totalAmount,
      billedDays: line.billedDays,
      yearDays: line.yearDays,
      issueDate: c.issueDate,
      dueDate: c.dueDate,
      invoiceId: c.invoiceId,
      invoiceStatus: status ?? null,
      paidOn: paidOn ?? null,
      state: paymentState({ invoiceStatus: status ?? null, dueDate: c.dueDate, today }),
      pesBordereau: c.pesBordereau,
    };
  });
  const sumOf = (list: YearContribution[]) => list.reduce((s, c) => s.plus(c.totalAmount), new Decimal(0)).toFixed(2);
  const issued = contributions.filter((c) => c.invoiceId !== null);
  const paid = issued.filter((c) => c.state === 'PAID');
  const late = issued.filter((c) => c.state === 'LATE');
  const pes = await ctx.deps.db
    .select()
    .from(billingPesFiles)
    .where(eq(billingPesFiles.year, input.year))
    .orderBy(asc(billingPesFiles.bordereau));
  return {
    year: input.year,
    today,
    contributions,
    counts: {
      issued: issued.length,
      paid: paid.length,
      late: late.length,
      pending: issued.length - paid.length - late.length,
    },
    amounts: { issued: sumOf(issued), paid: sumOf(paid), late: sumOf(late) },
    totalsByTier: totalsByTier(
      issued.map((c) => ({ tierLabel: c.tier, amount: c.amount, totalAmount: c.totalAmount })),
    ),
    pesFiles: pes.map((p) => ({
      bordereau: p.bordereau,
      nomFic: p.nomFic,
      titles: p.titles,
      totalAmount: p.totalAmount,
      createdAt: p.createdAt.toISOString(),
    })),
  };
}
