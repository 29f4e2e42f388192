// Sending drafts together (the decisions of one council meeting): every act is checked again as at its creation,
// then one transaction marks them all waiting for transmission, records the batch, a step per act and an audit
// row. All or nothing: one refused act sends none. The same selection sent again answers the first batch and
// starts nothing. The caller starts each act's own transmission workflow after the commit (startBatch).
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { actBatches, actPieces, acts } from '../../../db/schema/acts.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { invalidField } from '../create/act-input.ts';
import { actorRefOf, checkAgainstClassification } from '../create/create-act.ts';
import { notDraft } from '../create/drafts.ts';
import type { ActsDeps } from '../deps.ts';
import type { ActNature } from '../domain/natures.ts';
import type { ActStatus } from '../domain/statuses.ts';
import { recordActStep, type Tx } from '../events.ts';

/** A council meeting rarely has more than a hundred decisions; a larger selection is sent in several batches. */
export const MAX_BATCH_ACTS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BatchLine {
  id: string;
  number: string;
  object: string;
  status: ActStatus;
  idActe: string | null;
  error: string | null;
}

export interface SentBatch {
  id: string;
  structureId: string;
  /** True when this selection had already been sent: the first batch is answered, nothing is started. */
  replayed: boolean;
  acts: BatchLine[];
}

export function parseActIds(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalidField('actIds', 'liste attendue des identifiants des brouillons à transmettre (au moins un)');
  const ids = [...new Set(raw.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : '')))];
  const wrong = ids.find((id) => !UUID.test(id));
  if (wrong !== undefined) throw invalidField('actIds', `identifiant d’acte « ${wrong} » invalide`);
  if (ids.length > MAX_BATCH_ACTS)
    throw invalidField('actIds', `${ids.length} actes : un lot en compte ${MAX_BATCH_ACTS} au plus`);
  return ids;
}

/** The selection's key: the same acts, in any order, give the same key. */
export const actsKeyOf = (ids: string[]) =>
  createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex');

export async function batchLines(db: ActsDeps['db'] | Tx, batchId: string): Promise<BatchLine[]> {
  return db
    .select({
      id: acts.id,
      number: acts.number,
      object: acts.object,
      status: acts.status,
      idActe: acts.idActe,
      error: acts.error,
    })
    .from(acts)
    .where(eq(acts.batchId, batchId))
    .orderBy(asc(acts.number)) as Promise<BatchLine[]>;
}

/** Each act told by its number in a refusal, so that the agent knows which one to correct. */
function aboutAct(number: string, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, `Acte ${number} : ${error.message}`, error.status, {
    ...(error.details as object | undefined),
    number,
  });
}

export async function sendBatch({ ctx, input }: VerbCall<ActsDeps, { actIds: unknown }>): Promise<SentBatch> {
  const { deps, actor } = ctx;
  requireActorPresent(actor);
  const ids = parseActIds(input.actIds);
  const rows = await deps.db.select().from(acts).where(inArray(acts.id, ids));
  const missing = ids.find((id) => !rows.some((r) => r.id === id && hasRole(actor, 'agent', r.structureId)));
  if (missing) throw notFound('Acte');
  const structureId = rows[0]!.structureId;
  if (rows.some((r) => r.structureId !== structureId))
    throw invalidField('actIds', 'les actes d’un lot appartiennent à une même collectivité');
  const actsKey = actsKeyOf(ids);
  const replay = async (tx: ActsDeps['db'] | Tx) => {
    const [batch] = await tx
      .select({ id: actBatches.id })
      .from(actBatches)
      .where(and(eq(actBatches.structureId, structureId), eq(actBatches.actsKey, actsKey)));
    return batch ? { id: batch.id, structureId, replayed: true, acts: await batchLines(tx, batch.id) } : undefined;
  };
  const earlier = await replay(deps.db);
  if (earlier) return earlier;

  // The checks of a creation, against the classification in use now (it may have changed since the draft).
  const checkedDates = new Map<string, string>();
  for (const act of rows.sort((a, b) => a.number.localeCompare(b.number))) {
    if (act.status !== 'BROUILLON') throw notDraft(act.number);
    const pieces = await deps.db
      .select({ typology: actPieces.typology })
      .from(actPieces)
      .where(eq(actPieces.actId, act.id))
      .orderBy(asc(actPieces.position));
    if (pieces.length === 0)
      throw aboutAct(act.number, invalidField('document', "le document principal de l'acte (PDF) est obligatoire"));
    try {
      const checked = await checkAgainstClassification(
        deps,
        structureId,
        {
          nature: act.nature as ActNature,
          classification: act.classification,
          documentType: pieces[0]!.typology,
          annexTypes: pieces.slice(1).map((p) => p.typology),
        },
        pieces.length - 1,
      );
      checkedDates.set(act.id, checked.date);
    } catch (error) {
      throw aboutAct(act.number, error);
    }
  }

  const now = deps.clock.now();
  const actorRef = actorRefOf(actor);
  return deps.db.transaction(async (tx) => {
    // Locked in one order, so that two batches sharing acts wait for each other instead of deadlocking.
    const locked = await tx.select().from(acts).where(inArray(acts.id, ids)).orderBy(asc(acts.id)).for('update');
    const sent = locked.find((a) => a.status !== 'BROUILLON');
    if (sent) {
      // The same selection sent at the same moment (a double click): the first one's batch.
      const concurrent = await replay(tx);
      if (concurrent) return concurrent;
      throw notDraft(sent.number);
    }
    const [batch] = await tx
      .insert(actBatches)
      .values({
        structureId,
        actsKey,
        actCount: ids.length,
        createdBy: actorRef.label,
        createdByPersonId: actor?.kind === 'person' ? actor.personId : null,
        createdAt: now,
      })
      .returning({ id: actBatches.id });
    const batchId = batch!.id;
    for (const act of locked) {
      await tx
        .update(acts)
        .set({
          status: 'EN_ATTENTE_TRANSMISSION',
          submittedAt: now,
          batchId,
          classificationDate: checkedDates.get(act.id)!,
          updatedAt: now,
        })
        .where(eq(acts.id, act.id));
      await recordActStep(tx, {
        actId: act.id,
        structureId,
        kind: 'submitted',
        status: 'EN_ATTENTE_TRANSMISSION',
        label:
          ids.length > 1
            ? `Brouillon envoyé avec ${ids.length - 1} autre${ids.length > 2 ? 's' : ''} acte${ids.length > 2 ? 's' : ''} : en attente de transmission`
            : 'Brouillon envoyé : en attente de transmission',
        detail: { batchId },
        before: { status: act.status },
        at: now,
        actor: actorRef,
      });
    }
    await recordAudit(tx, {
      actor: actorRef,
      action: 'act.batch_sent',
      subject: { type: 'act_batch', id: batchId },
      structureId,
      before: null,
      after: { acts: locked.map((a) => ({ id: a.id, number: a.number })), meetings: meetingsOf(locked) },
    });
    return { id: batchId, structureId, replayed: false, acts: await batchLines(tx, batchId) };
  });
}

const meetingsOf = (rows: (typeof acts.$inferSelect)[]) => [
  ...new Set(
    rows.flatMap((r) =>
      r.meetingLabel || r.meetingDate ? [`${r.meetingLabel ?? ''} ${r.meetingDate ?? ''}`.trim()] : [],
    ),
  ),
];
