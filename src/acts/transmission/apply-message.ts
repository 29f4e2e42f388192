// What a ministry message does to an act, in one transaction with its event, audit row and notifications.
// Written once per message (dedupe key): a message read twice changes nothing the second time.
import { eq } from 'drizzle-orm';
import { acts } from '../../../db/schema/acts.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import type { ActsDeps } from '../deps.ts';
import { legalityWindowEnd } from '../domain/legality-window.ts';
import { LETTER_LABELS, type ActStatus } from '../domain/statuses.ts';
import type { MinistrySignal } from '../domain/workflow-contract.ts';
import { recordActStep } from '../events.ts';

const actor = () => systemActor('acts-transmission');

export interface Applied {
  status: ActStatus;
  windowEndsOn: string | null;
}

export async function applyMinistryMessage(deps: ActsDeps, actId: string, signal: MinistrySignal): Promise<Applied> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [act] = await tx.select().from(acts).where(eq(acts.id, actId)).for('update');
    if (!act) throw new Error(`act ${actId} not found`);
    let status = act.status as ActStatus;
    let windowEndsOn = act.windowEndsOn;
    const change: Partial<typeof acts.$inferInsert> = {};
    let label: string;
    let kind: string;
    switch (signal.code) {
      case '1-2':
        status = 'ACQUITTE';
        windowEndsOn = legalityWindowEnd(signal.receivedOn);
        Object.assign(change, { idActe: signal.idActe, receivedOn: signal.receivedOn, windowEndsOn, error: null });
        kind = 'acknowledged';
        label = `Accusé de réception de la préfecture (1-2) : ${signal.idActe}, reçu le ${signal.receivedOn}`;
        break;
      case '1-3':
      case 'ANO':
        status = 'ERREUR';
        change.error = signal.reason;
        kind = signal.code === 'ANO' ? 'envelope_anomaly' : 'anomaly';
        label = `${signal.code === 'ANO' ? 'Enveloppe rejetée par le ministère' : 'Anomalie de l’acte (1-3)'} : ${signal.reason}`;
        break;
      case '2-1':
      case '3-1':
      case '4-1':
      case '5-1':
        kind = 'letter_received';
        label = `${LETTER_LABELS[signal.code]} (${signal.code}) reçu de la préfecture`;
        if (signal.code === '3-1') change.windowSuspended = 1;
        if (signal.code === '5-1') status = 'DEFERE';
        break;
      case '6-2':
        status = 'ANNULE';
        kind = 'cancelled';
        label = `Annulation de la transmission acquittée par la préfecture (6-2) le ${signal.receivedOn}`;
        break;
      case '3-5':
      case '4-5':
        kind = 'reply_acknowledged';
        label = `La préfecture a accusé réception de la réponse (${signal.code}) le ${signal.receivedOn}`;
        break;
    }
    const written = await recordActStep(tx, {
      actId,
      structureId: act.structureId,
      kind,
      status,
      label,
      detail: signal,
      dedupeKey: signal.key,
      at: now,
      actor: actor(),
      before: { status: act.status },
    });
    if (written)
      await tx
        .update(acts)
        .set({ ...change, status, updatedAt: now })
        .where(eq(acts.id, actId));
    else return { status: act.status as ActStatus, windowEndsOn: act.windowEndsOn };
    return { status, windowEndsOn };
  });
}

/** The window ran out with no déféré: the act is validated (S²LOW status 5). */
export async function closeLegalityWindow(deps: ActsDeps, actId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [act] = await tx.select().from(acts).where(eq(acts.id, actId)).for('update');
    if (!act || act.status !== 'ACQUITTE') return;
    const written = await recordActStep(tx, {
      actId,
      structureId: act.structureId,
      kind: 'window_closed',
      status: 'VALIDE',
      label: `Délai de contrôle de légalité écoulé le ${parisDate(now)} sans déféré`,
      dedupeKey: 'window_closed',
      at: now,
      actor: actor(),
      before: { status: act.status },
    });
    if (written) await tx.update(acts).set({ status: 'VALIDE', updatedAt: now }).where(eq(acts.id, actId));
  });
}
