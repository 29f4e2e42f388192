// S²LOW's "transactions" in the hub: an act (type 1) is its own transaction, a prefecture letter (types 2 to 5)
// is one too; both are named by their hub id. The S²LOW status number of each, and what S²LOW prints after it.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { actLetters, actPieces, acts } from '../../../db/schema/acts.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { ActsDeps } from '../deps.ts';
import { arActeXml } from '../domain/ministry-messages.ts';
import { s2lowStatus, type ActStatus } from '../domain/statuses.ts';
import { findVisibleAct, type ActRow } from '../queries/find-act.ts';
import { findVisibleLetter } from '../requests/reply-to-letter.ts';

export type LetterRow = typeof actLetters.$inferSelect;

/** S²LOW's transaction type of each letter code (TdtConnecteur: 2 courrier simple, 3 pièces, 4 observations, 5 déféré). */
export const LETTER_TYPE: Record<string, number> = { '2-1': 2, '3-1': 3, '4-1': 4, '5-1': 5 };

/** Letters that expect an answer (3-1, 4-1) and have none yet: S²LOW reports the act as "document reçu" (7). */
export async function unansweredLetterActs(deps: ActsDeps, actIds: string[]): Promise<Set<string>> {
  if (actIds.length === 0) return new Set();
  const rows = await deps.db
    .select({ actId: actLetters.actId })
    .from(actLetters)
    .where(
      and(inArray(actLetters.actId, actIds), inArray(actLetters.code, ['3-1', '4-1']), isNull(actLetters.repliedAt)),
    );
  return new Set(rows.map((r) => r.actId));
}

export async function actS2lowStatus(deps: ActsDeps, act: ActRow): Promise<number> {
  const unanswered = await unansweredLetterActs(deps, [act.id]);
  return s2lowStatus(act.status as ActStatus, unanswered.has(act.id));
}

/**
 * A letter: 21 when it takes no acknowledgement (2-1, 5-1); a 3-1 or 4-1 is 7 (document reçu), 8 once its 3-2 /
 * 4-2 is sent (acquittement envoyé, as S²LOW's ActesEnvoiAR sets it), 9 once answered (document envoyé).
 */
export const letterS2lowStatus = (letter: LetterRow): number =>
  letter.code === '2-1' || letter.code === '5-1' ? 21 : letter.repliedAt ? 9 : letter.ackSentAt ? 8 : 7;

export type Transaction = { kind: 'act'; act: ActRow } | { kind: 'letter'; act: ActRow; letter: LetterRow };

export const invalidTransaction = (): AppError => new AppError('NOT_FOUND', 'Numéro de transaction invalide.', 404);

/** The transaction named by `id` if the actor may see it; S²LOW's one answer otherwise, whatever the reason. */
export async function findTransaction(
  deps: ActsDeps,
  actor: Actor | undefined,
  transactionId: string | undefined,
  uniqueId?: string,
) {
  let id = transactionId;
  if (uniqueId) {
    const [byIdActe] = await deps.db.select({ id: acts.id }).from(acts).where(eq(acts.idActe, uniqueId));
    id = byIdActe?.id;
  }
  if (!id) throw invalidTransaction();
  try {
    return { kind: 'act', act: await findVisibleAct(deps, actor, id) } as Transaction;
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 404) throw error;
  }
  try {
    const { letter, act } = await findVisibleLetter(deps, actor, id);
    return { kind: 'letter', act, letter } as Transaction;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw invalidTransaction();
    throw error;
  }
}

/** The act's own pieces (main document first), not those of its replies. */
export const actPiecesOf = (deps: ActsDeps, actId: string) =>
  deps.db
    .select()
    .from(actPieces)
    .where(and(eq(actPieces.actId, actId), isNull(actPieces.replyId)))
    .orderBy(asc(actPieces.position));

/** The 1-2 ARActe as the ministry wrote it for this act (rebuilt from what the hub recorded of it). */
export function acknowledgementXml(act: ActRow): Uint8Array {
  return arActeXml(
    act.idActe!,
    act.receivedOn!,
    {
      decisionDate: act.decisionDate,
      number: act.number,
      nature: act.nature,
      matieres: act.classification.split('.').map(Number),
      object: act.object,
    },
    act.classificationDate,
  );
}
