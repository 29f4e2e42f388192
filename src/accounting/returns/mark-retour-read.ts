// helios_change_status: a PES_Retour the ordonnateur's software has fetched is marked read, so that helios_get_list
// stops listing it. Marking it again changes nothing (and records nothing).
import { and, eq, isNull } from 'drizzle-orm';
import { pesReturns } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { forbidden } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { findVisibleRetour } from '../queries/flow-views.ts';
import type { AccountingDeps } from '../settings.ts';

export async function markRetourRead({
  ctx,
  input,
}: VerbCall<Pick<AccountingDeps, 'db' | 'files' | 'clock'>, { number: number }>): Promise<{ changed: boolean }> {
  const actor = requireActorPresent(ctx.actor);
  const row = await findVisibleRetour(ctx.deps, actor, input.number);
  const structureId = row.structureId as string;
  if (!hasRole(actor, 'accountant', structureId) && !hasRole(actor, 'agent', structureId))
    throw forbidden('Seul un comptable ou un agent de la collectivité peut marquer ce retour comme lu.');
  return ctx.deps.db.transaction(async (tx) => {
    const at = ctx.deps.clock.now();
    const updated = await tx
      .update(pesReturns)
      .set({ readAt: at })
      .where(and(eq(pesReturns.id, row.id), isNull(pesReturns.readAt)))
      .returning({ id: pesReturns.id });
    if (updated.length === 0) return { changed: false };
    await recordAudit(tx, {
      actor,
      action: 'accounting.retour_read',
      subject: { type: 'pes_return', id: row.id },
      structureId,
      before: { readAt: null },
      after: { readAt: at.toISOString() },
    });
    return { changed: true };
  });
}
