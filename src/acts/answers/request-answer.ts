// The agent's answers: a reply to a letter of the prefecture (2-2, 3-3, 4-3, 4-4) or the cancellation of the act
// (6-1). Scope (an agent of the act's structure), validation, one transaction (request noted in the outbox, event,
// audit row), then the act's workflow is signalled after the commit; it sends the message. A signal Temporal did
// not take is sent by the request relay: the request is recorded either way, and the answer says which.
import { and, eq } from 'drizzle-orm';
import { actLetters } from '../../../db/schema/acts.ts';
import { auditActorRef } from '../../platform/audit/index.ts';
import { requireActorPresent, structuresWithRole } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { ActsDeps } from '../deps.ts';
import type { ReplyCode } from '../domain/messages.ts';
import type { AgentSignal } from '../domain/workflow-contract.ts';
import { recordActStep } from '../events.ts';
import { findVisibleAct } from '../queries/find-act.ts';
import { ANSWER_RELAYED, ANSWER_SIGNALLED, noteAgentRequest, signalAgentRequest } from '../requests/signal-agent.ts';

/** The answers a letter admits, by the letter's code; documents (3-4) are not taken by this verb. */
const ANSWERS: Record<string, ReplyCode[]> = {
  '2-1': ['2-2'],
  '3-1': ['3-3'],
  '4-1': ['4-3', '4-4'],
};

export type AnswerInput = { actId: string } & ({ kind: 'reply'; letterId: string; code: string } | { kind: 'cancel' });

async function agentAct(deps: ActsDeps, call: VerbCall<ActsDeps, AnswerInput>) {
  const actor = call.ctx.actor;
  requireActorPresent(actor);
  const act = await findVisibleAct(deps, actor, call.input.actId);
  if (!structuresWithRole(actor, 'agent').includes(act.structureId))
    throw forbidden('Seul un agent de la collectivité de l’acte peut y répondre.');
  return { act, actor: actor! };
}

export interface AnswerRequested {
  status: 'DEMANDE_ENREGISTREE';
  /** French: transmitted now, or as soon as the transmission engine is reachable again. */
  message: string;
}

export async function requestActAnswer(call: VerbCall<ActsDeps, AnswerInput>): Promise<AnswerRequested> {
  const deps = call.ctx.deps;
  const { act, actor } = await agentAct(deps, call);
  const input = call.input;
  const now = deps.clock.now();
  let signal: AgentSignal;
  if (input.kind === 'cancel') {
    if (act.status !== 'ACQUITTE')
      throw new AppError('ACT_NOT_CANCELLABLE', 'Seul un acte acquitté par la préfecture peut être annulé.', 409);
    signal = { kind: 'cancel' };
    const noted = signal;
    await deps.db.transaction(async (tx) => {
      await noteAgentRequest(tx, act.id, noted, now);
      await recordActStep(tx, {
        actId: act.id,
        structureId: act.structureId,
        kind: 'cancellation_requested',
        status: 'ACQUITTE',
        label: 'Annulation de l’acte demandée (6-1)',
        at: now,
        actor: auditActorRef(actor),
        dedupeKey: `cancel-request:${act.id}`,
      });
    });
  } else {
    const [letter] = await deps.db
      .select()
      .from(actLetters)
      .where(and(eq(actLetters.id, input.letterId), eq(actLetters.actId, act.id)));
    if (!letter) throw notFound('Courrier');
    const allowed = ANSWERS[letter.code] ?? [];
    if (!allowed.includes(input.code as ReplyCode))
      throw new AppError(
        'REPLY_CODE_INVALID',
        `Le champ code doit valoir ${allowed.join(' ou ') || 'aucune réponse'} pour un courrier ${letter.code}.`,
        400,
        { field: 'code' },
      );
    if (letter.replyRequestedAt)
      throw new AppError('LETTER_ALREADY_ANSWERED', 'Une réponse à ce courrier a déjà été demandée.', 409);
    signal = { kind: 'reply', letterId: letter.id, code: input.code as ReplyCode };
    const noted = signal;
    await deps.db.transaction(async (tx) => {
      await noteAgentRequest(tx, act.id, noted, now);
      await tx
        .update(actLetters)
        .set({ replyCode: input.code, replyRequestedAt: now })
        .where(eq(actLetters.id, letter.id));
      await recordActStep(tx, {
        actId: act.id,
        structureId: act.structureId,
        kind: 'reply_requested',
        status: act.status as never,
        label: `Réponse ${input.code} au courrier ${letter.code} demandée`,
        at: now,
        actor: auditActorRef(actor),
        dedupeKey: `reply-request:${letter.id}`,
      });
    });
  }
  const signalled = await signalAgentRequest(deps, act.id, signal);
  return { status: 'DEMANDE_ENREGISTREE', message: signalled ? ANSWER_SIGNALLED : ANSWER_RELAYED };
}
