// The deposits a company made on a consultation, to link each one to its receipt from the consultation's page.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { tenderDeposits, tenderLots } from '../../../db/schema/tenders.ts';
import { structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import type { TenderDeps } from '../settings.ts';

export interface CompanyDeposit {
  id: string;
  lot: number;
  receivedAt: string;
  late: boolean;
  superseded: boolean;
}

export async function companyDeposits(
  deps: TenderDeps,
  actor: Actor | undefined,
  consultationId: string,
): Promise<CompanyDeposit[]> {
  const companies = structuresWithRole(actor, 'supplier');
  if (companies.length === 0) return [];
  const rows = await deps.db
    .select({ d: tenderDeposits, lot: tenderLots.number })
    .from(tenderDeposits)
    .innerJoin(tenderLots, eq(tenderLots.id, tenderDeposits.lotId))
    .where(and(eq(tenderDeposits.consultationId, consultationId), inArray(tenderDeposits.companyId, companies)))
    .orderBy(asc(tenderLots.number), asc(tenderDeposits.receivedAt));
  return rows.map((r) => ({
    id: r.d.id,
    lot: r.lot,
    receivedAt: r.d.receivedAt.toISOString(),
    late: r.d.late,
    superseded: r.d.supersededAt !== null,
  }));
}
