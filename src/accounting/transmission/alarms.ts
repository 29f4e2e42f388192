// The alarms of a flow: no acknowledgement within the delay, or the treasury unreachable after every retry.
// Shown on the operator's page of stuck flows; the workflow goes on waiting.
import { eq } from 'drizzle-orm';
import { pesFlows } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import type { AccountingDeps } from '../settings.ts';
import { issuesOf, loadFlow, moveFlow } from './flow-row.ts';

type AlarmDeps = Pick<AccountingDeps, 'db' | 'logger'>;

export async function raiseFlowAlarm(deps: AlarmDeps, flowId: string, reason: 'no_acknowledgement'): Promise<void> {
  const flow = await loadFlow(deps.db, flowId);
  if (flow.alarmRaisedAt) return;
  deps.logger.warn({ flowId, nomFic: flow.nomFic, reason }, 'accounting flow: no acknowledgement from the treasury');
  await deps.db.transaction(async (tx) => {
    await tx.update(pesFlows).set({ alarmRaisedAt: new Date() }).where(eq(pesFlows.id, flowId));
    await recordAudit(tx, {
      actor: systemActor('treasury-flows'),
      action: 'accounting.alarm',
      subject: { type: 'pes_flow', id: flowId },
      structureId: flow.structureId,
      after: { reason },
    });
  });
}

/** The transmission failed for good (the treasury unreachable after every retry): ERREUR, alarm raised. */
export async function failFlowTransmission(deps: AlarmDeps, flowId: string, message: string): Promise<void> {
  const flow = await loadFlow(deps.db, flowId);
  deps.logger.error({ flowId, nomFic: flow.nomFic, message }, 'accounting flow: transmission failed');
  await deps.db.transaction(async (tx) => {
    await moveFlow(tx, flowId, 'ERREUR', {
      alarmRaisedAt: new Date(),
      issues: [
        ...issuesOf(flow),
        {
          code: 'ERREUR_AUTRE',
          message: `Transmission impossible au Trésor : ${message}`,
          place: { element: 'PES_Aller' },
        },
      ],
    });
    await recordAudit(tx, {
      actor: systemActor('treasury-flows'),
      action: 'accounting.transmit_failed',
      subject: { type: 'pes_flow', id: flowId },
      structureId: flow.structureId,
      after: { message },
    });
  });
}
