// The verb by which an agent asks the prefecture to cancel an act's transmission (6-1): only once the act is
// acknowledged (it needs the IDActe), once per act. The request is noted in the outbox with its step; the workflow
// sends the 6-1 when signalled, after the commit or by the request relay.
import { eq } from 'drizzle-orm';
import { acts } from '../../../db/schema/acts.ts';
import { auditActorRef } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { ActsDeps } from '../deps.ts';
import { recordActStep } from '../events.ts';
import { findVisibleAct } from '../queries/find-act.ts';
import { noteAgentRequest, signalAgentRequest } from './signal-agent.ts';

export const cancellationPending = (): AppError =>
  new AppError('CANCELLATION_PENDING', "Une demande d'annulation est déjà en cours pour cette transaction.", 409);

export const notCancellable = (): AppError =>
  new AppError(
    'ACT_NOT_CANCELLABLE',
    "Impossible d'annuler une transaction qui n'est pas en état « Acquittement reçu ».",
    409,
  );

export async function requestCancellation({ ctx, input }: VerbCall<ActsDeps, { actId: string }>): Promise<void> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const act = await findVisibleAct(deps, actor, input.actId);
  if (!hasRole(actor, 'agent', act.structureId))
    throw forbidden("Seul un agent de la collectivité peut demander l'annulation d'un acte.");
  if (act.status === 'ANNULATION_DEMANDEE') throw cancellationPending();
  if (act.status !== 'ACQUITTE') throw notCancellable();
  const now = deps.clock.now();
  const written = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(acts).where(eq(acts.id, act.id)).for('update');
    if (current!.status !== 'ACQUITTE') throw notCancellable();
    await noteAgentRequest(tx, act.id, { kind: 'cancel' }, now);
    return recordActStep(tx, {
      actId: act.id,
      structureId: act.structureId,
      kind: 'cancellation_requested',
      status: 'ACQUITTE',
      label: "Annulation de la transmission demandée par l'agent",
      dedupeKey: 'cancellation_requested',
      at: now,
      actor: auditActorRef(actor),
    });
  });
  // Signalled again on a second request: the workflow drops the repeat, and a request still waiting for the relay
  // (Temporal out of reach at its first signal) is delivered now.
  await signalAgentRequest(deps, act.id, { kind: 'cancel' });
  if (!written) throw cancellationPending();
}
