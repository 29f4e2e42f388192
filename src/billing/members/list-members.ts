// The operator's list of members: every EPCI of the directory and every structure added, with its terms.
import { requireOperator } from '../../platform/auth/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { BillingDeps } from '../settings.ts';
import { listMemberRows, type BillableMemberRow } from './billable-members.ts';

export async function listMembers({ ctx }: VerbCall<BillingDeps, object>): Promise<BillableMemberRow[]> {
  requireOperator(ctx.actor);
  return listMemberRows(ctx.deps.db);
}
