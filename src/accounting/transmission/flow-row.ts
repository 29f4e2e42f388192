// Reading and moving one flow row: the activities of the transmission workflow share these.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { pesFlows } from '../../../db/schema/accounting.ts';
import type { CheckIssue } from '../domain/check-issue.ts';
import type { PesSummary } from '../domain/pes-summary.ts';
import type { PesFlowStatus } from '../domain/statuses.ts';

export type FlowRow = typeof pesFlows.$inferSelect;

export async function loadFlow(db: Pick<Db, 'select'>, flowId: string): Promise<FlowRow> {
  const [row] = await db.select().from(pesFlows).where(eq(pesFlows.id, flowId));
  if (!row) throw new Error(`pes flow ${flowId} not found`);
  return row;
}

export const summaryOf = (flow: FlowRow): PesSummary => flow.summary as PesSummary;
export const issuesOf = (flow: FlowRow): CheckIssue[] => (flow.issues as CheckIssue[] | null) ?? [];

export async function moveFlow(
  db: Pick<Db, 'update'>,
  flowId: string,
  status: PesFlowStatus,
  extra: Partial<typeof pesFlows.$inferInsert> = {},
): Promise<void> {
  await db
    .update(pesFlows)
    .set({ status, statusChangedAt: new Date(), ...extra })
    .where(eq(pesFlows.id, flowId));
}
