// Issues one member's contribution of a run: its number is taken from the year's sequence and recorded with the
// facts of the amount in one transaction (the unique (member, year) index makes a second run issue nothing), then
// the invoice is written as UBL and Factur-X with formats/ and deposited through the hub's deposit as the
// syndicat, so that it is validated, routed and followed like any supplier's invoice. A retry after a crash
// between the two deposits the same number again; the deposit's duplicate rule then finds the first one.
import { and, eq, sql } from 'drizzle-orm';
import { writeFacturX, writeUbl } from '../../../formats/index.ts';
import type { Db } from '../../../db/client.ts';
import {
  billingContributions,
  billingRunLines,
  billingSequences,
  type BillingContributionRow,
} from '../../../db/schema/billing.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import { depositInvoice } from '../../invoices/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { addDays } from '../../platform/calendar/index.ts';
import { computeContribution, type ContributionLine } from '../domain/contribution.ts';
import { contributionInvoice } from '../domain/contribution-invoice.ts';
import type { LineOutcome } from '../domain/outcomes.ts';
import { contributionNumber } from '../domain/numbering.ts';
import { listTiers } from '../grid/tiers.ts';
import { listMemberRows } from '../members/billable-members.ts';
import type { BillingDeps } from '../settings.ts';
import { loadRun } from './plan-run.ts';
import { syndicatIssuer } from './syndicat.ts';

export interface IssueInput {
  runId: string;
  structureId: string;
}

export interface IssueResult {
  outcome: LineOutcome;
  number?: string;
  invoiceId?: string;
  message?: string;
}

const BILLING_ACTOR = systemActor('billing-run');

async function setLine(db: Db, input: IssueInput, values: Partial<typeof billingRunLines.$inferInsert>) {
  await db
    .update(billingRunLines)
    .set(values)
    .where(and(eq(billingRunLines.runId, input.runId), eq(billingRunLines.structureId, input.structureId)));
}

/** Reserves the number and records the contribution, or finds the one recorded before. */
async function reserve(
  deps: BillingDeps,
  input: IssueInput,
): Promise<
  { kind: 'blocked'; message: string } | { kind: 'skip' } | { kind: 'contribution'; row: BillingContributionRow }
> {
  const run = await loadRun(deps.db, input.runId);
  const [member] = await listMemberRows(deps.db, [input.structureId]);
  if (!member || !member.member) return { kind: 'skip' };
  const tiers = await listTiers(deps.db);
  return deps.db.transaction(async (tx) => {
    // One writer per year at a time: numbers follow the order in which contributions are recorded.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hub.billing.sequence'), ${run.year})`);
    const [existing] = await tx
      .select()
      .from(billingContributions)
      .where(and(eq(billingContributions.structureId, input.structureId), eq(billingContributions.year, run.year)));
    if (existing) return { kind: 'contribution', row: existing };
    const result = computeContribution(member, tiers, run.year);
    if (result.kind === 'not_member') return { kind: 'skip' };
    if (result.kind === 'blocked') return { kind: 'blocked', message: result.message };
    const [seq] = await tx
      .insert(billingSequences)
      .values({ year: run.year, last: 1 })
      .onConflictDoUpdate({ target: billingSequences.year, set: { last: sql`${billingSequences.last} + 1` } })
      .returning({ last: billingSequences.last });
    const sequence = seq!.last;
    const line = result.line;
    const [row] = await tx
      .insert(billingContributions)
      .values({
        year: run.year,
        structureId: member.structureId,
        runId: run.id,
        sequence,
        number: contributionNumber(run.year, sequence),
        issueDate: run.issueDate,
        dueDate: addDays(run.issueDate, member.paymentDelayDays),
        line: {
          ...line,
          productLabel: member.productLabel,
          productCode: member.productCode,
          memberName: member.name,
          siret: member.siret,
        },
        amount: line.amount,
        vatAmount: line.vatAmount,
        totalAmount: line.totalAmount,
        vatRegime: line.vatRegime,
        tierLabel: line.tierLabel,
      })
      .returning();
    await recordAudit(tx, {
      actor: BILLING_ACTOR,
      action: 'billing_contribution.issue',
      subject: { type: 'billing_contribution', id: row!.id },
      structureId: member.structureId,
      after: { number: row!.number, year: run.year, amount: line.amount, totalAmount: line.totalAmount, runId: run.id },
    });
    return { kind: 'contribution', row: row! };
  });
}

export type StoredLine = ContributionLine & {
  productLabel: string;
  productCode: string;
  memberName: string;
  siret: string;
};

export async function issueContribution(deps: BillingDeps, input: IssueInput): Promise<IssueResult> {
  const reserved = await reserve(deps, input);
  if (reserved.kind === 'skip') {
    await setLine(deps.db, input, { outcome: 'BLOCKED', message: 'N’est plus membre au moment de l’émission.' });
    return { outcome: 'BLOCKED', message: 'not a member any more' };
  }
  if (reserved.kind === 'blocked') {
    await setLine(deps.db, input, { outcome: 'BLOCKED', message: reserved.message });
    return { outcome: 'BLOCKED', message: reserved.message };
  }
  const row = reserved.row;
  const line = row.line as StoredLine;
  const lineFacts = {
    tierLabel: row.tierLabel,
    amount: row.amount,
    totalAmount: row.totalAmount,
    line: row.line,
    contributionId: row.id,
  };
  if (row.invoiceId) {
    const outcome = row.runId === input.runId ? 'ISSUED' : 'ALREADY_ISSUED';
    await setLine(deps.db, input, { outcome, ...lineFacts, message: null });
    return { outcome, number: row.number, invoiceId: row.invoiceId };
  }

  const issuer = await syndicatIssuer(deps.db);
  const invoice = contributionInvoice({
    issuer,
    member: { name: line.memberName, siret: line.siret },
    number: row.number,
    year: row.year,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    productLabel: line.productLabel,
    line,
  });
  const ubl = new TextEncoder().encode(writeUbl(invoice));
  const facturx = await writeFacturX(invoice);
  const ublSha256 = await databaseBlobStore(deps.db).put(ubl, 'application/xml');
  const deposit = await depositInvoice({
    ctx: { deps, actor: systemActor('billing-run', [{ role: 'supplier', structureId: issuer.structureId }]) },
    input: { supplierId: issuer.structureId, bytes: facturx, fileName: `${row.number}.pdf`, channel: 'billing' },
  });
  let invoiceId: string;
  let facturxSha256 = deposit.originalSha256;
  if (deposit.outcome === 'accepted') invoiceId = deposit.invoiceId;
  else if (deposit.code === 'DUPLICATE_INVOICE') {
    const [first] = await deps.db
      .select({ id: invoices.id, sha256: invoices.originalSha256 })
      .from(invoices)
      .where(
        and(
          eq(invoices.supplierId, issuer.structureId),
          eq(invoices.number, row.number),
          eq(invoices.year, Number(row.issueDate.slice(0, 4))),
        ),
      );
    if (!first) throw new Error(`duplicate refusal for ${row.number} without a first invoice`);
    invoiceId = first.id;
    facturxSha256 = first.sha256;
  } else {
    const message = `Dépôt refusé (${deposit.code}) : ${deposit.message}`;
    await setLine(deps.db, input, { outcome: 'BLOCKED', ...lineFacts, message });
    return { outcome: 'BLOCKED', number: row.number, message };
  }
  await deps.db
    .update(billingContributions)
    .set({ invoiceId, ublSha256, facturxSha256 })
    .where(eq(billingContributions.id, row.id));
  await setLine(deps.db, input, { outcome: 'ISSUED', ...lineFacts, message: null });
  return { outcome: 'ISSUED', number: row.number, invoiceId };
}
