// The supplier's deposit history: every attempt, accepted or refused, newest first, with the report of a refusal.
// A supplier sees only its own structures' deposits; any other id is the same 404 as one that does not exist.
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import { deposits, invoices, type DepositRefusalDetails } from '../../../db/schema/invoices.ts';
import { requireActorPresent, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import type { ReportedViolation } from '../deposit/refusal.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-invoices.ts';

export const DEPOSIT_OUTCOMES = ['accepted', 'refused'] as const;
export type DepositOutcome = (typeof DEPOSIT_OUTCOMES)[number];

export interface DepositSummary {
  id: string;
  depositedAt: string;
  outcome: DepositOutcome;
  fileName: string | null;
  channel: string;
  depositedBy: string;
  supplier: { id: string; name: string };
  /** The invoice an accepted deposit created. */
  invoice: { id: string; number: string } | null;
  refusalCode: string | null;
  refusalMessage: string | null;
  /** Blocking findings of a refusal. */
  fatalCount: number;
}

export interface DepositDetail extends DepositSummary, DepositRefusalDetails {
  originalSha256: string;
  violations: ReportedViolation[];
}

export interface DepositPage {
  items: DepositSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The deposits of the structures the actor deposits for; nothing for anyone else. */
function ownDeposits(actor: Actor | undefined): SQL {
  const mine = structuresWithRole(requireActorPresent(actor), 'supplier');
  return mine.length > 0 ? inArray(deposits.supplierId, mine) : sql`false`;
}

const columns = {
  deposit: deposits,
  supplierName: structures.name,
  invoiceNumber: invoices.number,
  fatalCount: sql<number>`(select count(*)::int from jsonb_array_elements(case when jsonb_typeof(${deposits.violations}) = 'array' then ${deposits.violations} else '[]'::jsonb end) v where v->>'severity' = 'fatal')`,
};

type Row = {
  deposit: typeof deposits.$inferSelect;
  supplierName: string;
  invoiceNumber: string | null;
  fatalCount: number;
};

function toSummary(r: Row): DepositSummary {
  const d = r.deposit;
  return {
    id: d.id,
    depositedAt: d.createdAt.toISOString(),
    outcome: d.outcome,
    fileName: d.fileName,
    channel: d.channel,
    depositedBy: d.depositedBy,
    supplier: { id: d.supplierId, name: r.supplierName },
    invoice: d.invoiceId && r.invoiceNumber !== null ? { id: d.invoiceId, number: r.invoiceNumber } : null,
    refusalCode: d.refusalCode,
    refusalMessage: d.refusalMessage,
    fatalCount: r.fatalCount,
  };
}

const fromDeposits = (deps: AppDeps) =>
  deps.db
    .select(columns)
    .from(deposits)
    .innerJoin(structures, eq(structures.id, deposits.supplierId))
    .leftJoin(invoices, eq(invoices.id, deposits.invoiceId));

export async function listDeposits(
  deps: AppDeps,
  actor: Actor | undefined,
  filters: { outcome?: DepositOutcome | undefined; page?: number; pageSize?: number } = {},
): Promise<DepositPage> {
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(filters.pageSize ?? DEFAULT_PAGE_SIZE)));
  const where = and(ownDeposits(actor), filters.outcome ? eq(deposits.outcome, filters.outcome) : undefined);
  const [rows, [counted]] = await Promise.all([
    fromDeposits(deps)
      .where(where)
      .orderBy(desc(deposits.createdAt), desc(deposits.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    deps.db.select({ n: count() }).from(deposits).where(where),
  ]);
  return { items: rows.map(toSummary), total: counted?.n ?? 0, page, pageSize };
}

export async function getDeposit(deps: AppDeps, actor: Actor | undefined, id: string): Promise<DepositDetail> {
  const own = ownDeposits(actor);
  if (!UUID.test(id)) throw notFound('Dépôt');
  const [row] = await fromDeposits(deps).where(and(eq(deposits.id, id), own));
  if (!row) throw notFound('Dépôt');
  const details = row.deposit.refusalDetails ?? {};
  return {
    ...toSummary(row),
    originalSha256: row.deposit.originalSha256,
    violations: Array.isArray(row.deposit.violations) ? (row.deposit.violations as ReportedViolation[]) : [],
    ...details,
  };
}
