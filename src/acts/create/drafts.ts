// A draft (status BROUILLON) is an act kept by its structure's agents before they send it: its metadata can be
// changed and its pieces replaced, or it can be deleted. The same checks as a creation apply to each change; its
// number stays unique in the collectivity (the same unique index). Nothing of it reaches the ministry.
import { and, asc, eq } from 'drizzle-orm';
import { acts, actPieces } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { departementCode3 } from '../domain/names.ts';
import { recordActStep, type Tx } from '../events.ts';
import type { ReceivedPart } from '../upload/receive-act-upload.ts';
import type { ActMetadata } from './act-input.ts';
import {
  actKeyOf,
  actorRefOf,
  checkAgainstClassification,
  checkPieces,
  duplicateNumber,
  isDuplicateNumber,
  pieceRows,
} from './create-act.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notDraft = (number: string) =>
  new AppError(
    'ACT_NOT_DRAFT',
    `L’acte ${number} n’est plus un brouillon : il a été transmis et ne peut plus être modifié ni supprimé.`,
    409,
  );

/** The act for an agent of its structure (anyone else: the same 404), and its structure's SIREN and département. */
export async function findAgentAct(deps: ActsDeps, actor: Actor | undefined, actId: string) {
  requireActorPresent(actor);
  if (!UUID.test(actId)) throw notFound('Acte');
  const [row] = await deps.db
    .select({ act: acts, siren: structures.siren, departement: structures.departementCode })
    .from(acts)
    .innerJoin(structures, eq(structures.id, acts.structureId))
    .where(eq(acts.id, actId));
  if (!row || !hasRole(actor, 'agent', row.act.structureId)) throw notFound('Acte');
  return {
    act: row.act,
    structure: { siren: row.siren ?? '', departement: departementCode3(row.departement ?? '000') },
  };
}

/** Locks the act and checks, inside the transaction, that it is still a draft (a batch may have sent it since). */
async function lockDraft(tx: Tx, actId: string) {
  const [current] = await tx.select().from(acts).where(eq(acts.id, actId)).for('update');
  if (!current) throw notFound('Acte');
  if (current.status !== 'BROUILLON') throw notDraft(current.number);
  return current;
}

const metadataOfRow = (a: typeof acts.$inferSelect) => ({
  number: a.number,
  nature: a.nature,
  classification: a.classification,
  decisionDate: a.decisionDate,
  object: a.object,
  meetingLabel: a.meetingLabel,
  meetingDate: a.meetingDate,
});

export interface EditDraftInput {
  actId: string;
  metadata: ActMetadata;
  /** New pieces: when a document is given, all the pieces are replaced; without, the pieces stay. */
  document: ReceivedPart | undefined;
  annexes: ReceivedPart[];
}

export async function editDraft({ ctx, input }: VerbCall<ActsDeps, EditDraftInput>) {
  const { deps, actor } = ctx;
  const { act, structure } = await findAgentAct(deps, actor, input.actId);
  if (act.status !== 'BROUILLON') throw notDraft(act.number);
  const m = input.metadata;
  const kept = await deps.db
    .select()
    .from(actPieces)
    .where(eq(actPieces.actId, act.id))
    .orderBy(asc(actPieces.position));
  const replacing = input.document !== undefined || input.annexes.length > 0;
  const annexCount = replacing ? input.annexes.length : kept.length - 1;
  const checked = await checkAgainstClassification(deps, act.structureId, m, annexCount);
  const typologies = [m.documentType, ...checked.annexTypes];
  const pieces = replacing
    ? checkPieces(input.document, input.annexes, m.documentType, checked.annexTypes).map((p) => ({
        fileId: p.part.file.id,
        typology: p.typology,
        ext: p.ext,
        originalName: p.part.file.fileName,
      }))
    : kept.map((p, i) => ({
        fileId: p.fileId,
        typology: typologies[i]!,
        ext: p.extension,
        originalName: p.originalName,
      }));
  if (m.number !== act.number) {
    const [taken] = await deps.db
      .select({ id: acts.id })
      .from(acts)
      .where(and(eq(acts.structureId, act.structureId), eq(acts.number, m.number)));
    if (taken) throw duplicateNumber(m.number);
  }
  const now = deps.clock.now();
  try {
    await deps.db.transaction(async (tx) => {
      const before = await lockDraft(tx, act.id);
      await tx
        .update(acts)
        .set({
          nature: m.nature,
          classification: m.classification,
          classificationDate: checked.date,
          number: m.number,
          decisionDate: m.decisionDate,
          object: m.object,
          meetingLabel: m.meetingLabel ?? null,
          meetingDate: m.meetingDate ?? null,
          updatedAt: now,
        })
        .where(eq(acts.id, act.id));
      // The pieces' archive names carry the number, the decision date and the nature: rewritten with them.
      await tx.delete(actPieces).where(eq(actPieces.actId, act.id));
      await tx.insert(actPieces).values(pieceRows(act.id, actKeyOf(structure, m), pieces));
      await recordActStep(tx, {
        actId: act.id,
        structureId: act.structureId,
        kind: 'draft_edited',
        status: 'BROUILLON',
        label: `Brouillon de l’acte ${m.number} modifié${replacing ? ' (pièces remplacées)' : ''}`,
        detail: {
          ...metadataOfRow({
            ...before,
            ...m,
            meetingLabel: m.meetingLabel ?? null,
            meetingDate: m.meetingDate ?? null,
          }),
          piecesReplaced: replacing,
        },
        before: metadataOfRow(before),
        at: now,
        actor: actorRefOf(actor),
      });
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isDuplicateNumber(error)) throw duplicateNumber(m.number);
    throw error;
  }
  // The replaced files belong to nothing once the commit is done.
  if (replacing)
    for (const p of kept)
      await filesOf(deps)
        .delete(p.fileId)
        .catch(() => false);
  return { id: act.id, status: 'BROUILLON' as const };
}

export async function deleteDraft({ ctx, input }: VerbCall<ActsDeps, { actId: string }>) {
  const { deps, actor } = ctx;
  const { act } = await findAgentAct(deps, actor, input.actId);
  if (act.status !== 'BROUILLON') throw notDraft(act.number);
  const pieces = await deps.db.select({ fileId: actPieces.fileId }).from(actPieces).where(eq(actPieces.actId, act.id));
  await deps.db.transaction(async (tx) => {
    const before = await lockDraft(tx, act.id);
    await recordAudit(tx, {
      actor: actorRefOf(actor),
      action: 'act.draft_deleted',
      subject: { type: 'act', id: act.id },
      structureId: act.structureId,
      before: { status: before.status, ...metadataOfRow(before) },
      after: null,
    });
    // Its pieces, events and notifications go with it (on delete cascade).
    await tx.delete(acts).where(eq(acts.id, act.id));
  });
  for (const p of pieces)
    await filesOf(deps)
      .delete(p.fileId)
      .catch(() => false);
  return { id: act.id, deleted: true as const };
}
