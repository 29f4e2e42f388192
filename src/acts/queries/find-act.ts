import { asc, eq } from 'drizzle-orm';
import { acts, actEvents, actLetters, actPieces } from '../../../db/schema/acts.ts';
import { actsFor, isOperator, type Actor } from '../../platform/auth/index.ts';
import { isSystemActor } from '../../platform/audit/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { ActsDeps } from '../deps.ts';
import { daysLeft } from '../domain/legality-window.ts';
import type { ActStatus } from '../domain/statuses.ts';

export type ActRow = typeof acts.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The act if the actor may see it (an agent or accountant of its structure, an operator); else the same 404. */
export async function findVisibleAct(deps: ActsDeps, actor: Actor | undefined, id: string): Promise<ActRow> {
  if (!UUID.test(id)) throw notFound('Acte');
  const [act] = await deps.db.select().from(acts).where(eq(acts.id, id));
  const visible =
    act && (actsFor(actor, act.structureId) || isOperator(actor) || (actor && isSystemActor(actor) && actor.readsAll));
  if (!act || !visible) throw notFound('Acte');
  return act;
}

export async function getActDetail(deps: ActsDeps, actor: Actor | undefined, id: string) {
  const act = await findVisibleAct(deps, actor, id);
  const [events, pieces, letters] = await Promise.all([
    deps.db.select().from(actEvents).where(eq(actEvents.actId, id)).orderBy(asc(actEvents.id)),
    deps.db.select().from(actPieces).where(eq(actPieces.actId, id)).orderBy(asc(actPieces.position)),
    deps.db.select().from(actLetters).where(eq(actLetters.actId, id)).orderBy(asc(actLetters.receivedAt)),
  ]);
  const today = parisDate(deps.clock.now());
  return {
    id: act.id,
    structureId: act.structureId,
    status: act.status as ActStatus,
    nature: act.nature,
    classification: act.classification,
    number: act.number,
    decisionDate: act.decisionDate,
    object: act.object,
    idActe: act.idActe,
    receivedAt: act.receivedOn,
    legalityWindowEndsAt: act.windowEndsOn,
    legalityWindowSuspended: act.windowSuspended > 0,
    legalityWindowDaysLeft: act.windowEndsOn && act.status === 'ACQUITTE' ? daysLeft(act.windowEndsOn, today) : null,
    archiveName: act.archiveName,
    sentAt: act.sentAt?.toISOString() ?? null,
    publishedAt: act.publishedAt?.toISOString() ?? null,
    enforceableAt: enforceableAt(act),
    error: act.error,
    pieces: pieces
      .filter((p) => p.replyId === null)
      .map((p) => ({ position: p.position, typology: p.typology, name: p.archiveName, originalName: p.originalName })),
    letters: letters.map((l) => ({
      id: l.id,
      code: l.code,
      letterDate: l.letterDate,
      text: l.text,
      receivedAt: l.receivedAt.toISOString(),
      readAt: l.readAt?.toISOString() ?? null,
      replyCode: l.replyCode,
      replyRequestedAt: l.replyRequestedAt?.toISOString() ?? null,
      repliedAt: l.repliedAt?.toISOString() ?? null,
    })),
    events: events.map((e) => ({
      kind: e.kind,
      status: e.status as ActStatus,
      label: e.label,
      at: e.at.toISOString(),
      detail: e.detail,
    })),
  };
}

/**
 * Enforceable (exécutoire) once transmitted and brought to the public's knowledge (CGCT L2131-1 since 1 July
 * 2022): the later of the acknowledgement's reception date and the publication, as an ISO date.
 */
export function enforceableAt(act: Pick<ActRow, 'receivedOn' | 'publishedAt'>): string | null {
  if (!act.receivedOn || !act.publishedAt) return null;
  const published = parisDate(act.publishedAt);
  return published > act.receivedOn ? published : act.receivedOn;
}
