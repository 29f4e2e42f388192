// The verb by which an agent answers a prefecture letter: 2-2 to a 2-1, 3-3 (refusal) or 3-4 (the pieces) to a
// 3-1, 4-3 (rejection) or 4-4 (justification) to a 4-1; a 5-1 takes no answer. The reply's pieces are kept with
// the act (act_pieces.reply_id = the letter) in one transaction with the request and its outbox row; the workflow
// sends them when signalled, after the commit or by the request relay.
import { and, eq, isNull } from 'drizzle-orm';
import { actLetters, actPieces, acts } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { auditActorRef } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { invalidField } from '../create/act-input.ts';
import type { ActsDeps } from '../deps.ts';
import type { ReplyCode } from '../domain/messages.ts';
import { departementCode3, pieceFileName, type ActKey } from '../domain/names.ts';
import type { ActNature } from '../domain/natures.ts';
import { sniffExtension } from '../domain/rules.ts';
import { LETTER_REPLIES, REPLY_LABELS, type ActStatus, type LetterCode } from '../domain/statuses.ts';
import { recordActStep } from '../events.ts';
import { currentClassification, typologiesOf } from '../queries/classification.ts';
import { findVisibleAct } from '../queries/find-act.ts';
import type { ReceivedPart } from '../upload/receive-act-upload.ts';
import { noteAgentRequest, signalAgentRequest } from './signal-agent.ts';

export interface ReplyInput {
  letterId: string;
  code: ReplyCode;
  /** The reply's document (the letter of the collectivity), then the pieces sent with a 3-4. */
  pieces: { part: ReceivedPart; typology: string }[];
}

const alreadyAnswered = () =>
  new AppError('ALREADY_ANSWERED', 'Une réponse à ce courrier a déjà été demandée ou envoyée.', 409);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findVisibleLetter(deps: ActsDeps, actor: Parameters<typeof findVisibleAct>[1], id: string) {
  if (!UUID.test(id)) throw notFound('Courrier de la préfecture');
  const [letter] = await deps.db.select().from(actLetters).where(eq(actLetters.id, id));
  if (!letter) throw notFound('Courrier de la préfecture');
  const act = await findVisibleAct(deps, actor, letter.actId).catch(() => {
    throw notFound('Courrier de la préfecture');
  });
  return { letter, act };
}

export async function replyToLetter({
  ctx,
  input,
}: VerbCall<ActsDeps, ReplyInput>): Promise<{ letterId: string; signalled: boolean }> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const { letter, act } = await findVisibleLetter(deps, actor, input.letterId);
  if (!hasRole(actor, 'agent', act.structureId))
    throw forbidden('Seul un agent de la collectivité peut répondre à un courrier de la préfecture.');
  const accepted: readonly string[] = LETTER_REPLIES[letter.code as LetterCode] ?? [];
  if (accepted.length === 0)
    throw new AppError('NO_REPLY_EXPECTED', 'Ce type de courrier de la préfecture ne prévoit pas de réponse.', 409);
  if (!accepted.includes(input.code))
    throw new AppError(
      'REPLY_NOT_ALLOWED',
      `Un courrier ${letter.code} admet pour réponse ${accepted.join(' ou ')}, pas ${input.code}.`,
      409,
    );
  if (letter.replyRequestedAt || letter.repliedAt) {
    // A repeat while the signal waits for the relay delivers it now; the workflow drops a repeated request.
    if (!letter.repliedAt && letter.replyCode)
      await signalAgentRequest(deps, act.id, {
        kind: 'reply',
        letterId: letter.id,
        code: letter.replyCode as ReplyCode,
      });
    throw alreadyAnswered();
  }
  const [document, ...annexes] = input.pieces;
  if (!document) throw invalidField('document', 'le document de la réponse (PDF) est obligatoire');
  if (annexes.length > 0 && input.code !== '3-4')
    throw invalidField('annexes', 'seule la transmission de pièces complémentaires (3-4) porte des annexes');
  const classification = await currentClassification(deps.db, act.structureId);
  const allowed = classification ? typologiesOf(classification.tree, act.nature) : [];
  const extensions = input.pieces.map((p, i) => {
    // The JSON API's names; the S²LOW routes tell them in S²LOW's (acte_pdf_file, type_pj[i]…).
    const field = i === 0 ? 'document' : `annexes[${i - 1}]`;
    const ext = sniffExtension(p.part.head);
    if (!ext || (i === 0 && ext !== 'pdf' && ext !== 'jpg' && ext !== 'png'))
      throw invalidField(field, `le fichier « ${p.part.file.fileName} » n'est ni un PDF, ni une image JPEG ou PNG`);
    if (!allowed.includes(p.typology))
      throw invalidField(
        i === 0 ? 'documentType' : `annexTypes[${i - 1}]`,
        `la typologie « ${p.typology} » n'est pas admise pour cette nature (admises : ${allowed.join(', ')})`,
      );
    return ext;
  });

  const [structure] = await deps.db.select().from(structures).where(eq(structures.id, act.structureId));
  const key: ActKey = {
    departement: departementCode3(structure!.departementCode ?? '000'),
    siren: structure!.siren!,
    decisionDate: act.decisionDate,
    number: act.number,
    nature: act.nature as ActNature,
  };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const claimed = await tx
      .update(actLetters)
      .set({ replyCode: input.code, replyRequestedAt: now })
      .where(and(eq(actLetters.id, letter.id), isNull(actLetters.replyRequestedAt)))
      .returning({ id: actLetters.id });
    if (claimed.length === 0) throw alreadyAnswered();
    await noteAgentRequest(tx, act.id, { kind: 'reply', letterId: letter.id, code: input.code }, now);
    await tx.insert(actPieces).values(
      input.pieces.map((p, i) => ({
        actId: act.id,
        replyId: letter.id,
        position: i + 1,
        fileId: p.part.file.id,
        typology: p.typology,
        extension: extensions[i]!,
        archiveName: pieceFileName(key, input.code, p.typology, i + 1, extensions[i]!),
        originalName: p.part.file.fileName || `piece-${i + 1}.${extensions[i]}`,
      })),
    );
    const [current] = await tx.select({ status: acts.status }).from(acts).where(eq(acts.id, act.id));
    await recordActStep(tx, {
      actId: act.id,
      structureId: act.structureId,
      kind: 'reply_requested',
      status: current!.status as ActStatus,
      label: `${REPLY_LABELS[input.code as keyof typeof REPLY_LABELS] ?? input.code} (${input.code}) préparée par l'agent`,
      detail: { code: input.code, letterId: letter.id, pieces: input.pieces.length },
      dedupeKey: `reply_requested:${letter.id}`,
      at: now,
      actor: auditActorRef(actor),
    });
  });
  const signalled = await signalAgentRequest(deps, act.id, { kind: 'reply', letterId: letter.id, code: input.code });
  return { letterId: letter.id, signalled };
}
