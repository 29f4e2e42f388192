// Sending to the ministry: the act's archive (1-1), a reply to a letter (2-2, 3-3, 3-4, 4-3, 4-4), a cancellation
// (6-1). Each is sent under a name fixed at its first build; the ministry takes an archive name once, so a retry
// after a crash between the upload and its record never makes a second transmission.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { acts, actEnvelopeSerials, actLetters, actPieces } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { filesOf, runtimeOf, type ActsDeps } from '../deps.ts';
import { legalityWindowEnd } from '../domain/legality-window.ts';
import { cancellationXml, envelopeXml, replyXml, type ReplyCode } from '../domain/messages.ts';
import { archiveFileName, departementCode3, envelopeFileName, messageFileName, type ActKey } from '../domain/names.ts';
import type { ActNature } from '../domain/natures.ts';
import { REPLY_LABELS, type ActStatus } from '../domain/statuses.ts';
import { recordActStep } from '../events.ts';
import { buildArchive, packArchive, type ArchiveEntry } from './build-archive.ts';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

const actor = () => systemActor('acts-transmission');

export async function sendActArchive(deps: ActsDeps, actId: string): Promise<{ archiveName: string }> {
  const files = filesOf(deps);
  const runtime = runtimeOf(deps);
  const built = await buildArchive({ ...deps, files }, runtime, actId);
  const [act] = await deps.db.select().from(acts).where(eq(acts.id, actId));
  if (act?.sentAt) return { archiveName: built.archiveName };
  await runtime.ministry.upload({
    archiveName: built.archiveName,
    size: built.size,
    open: async () => (await files.get(built.fileId))!.stream,
  });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(acts)
      .set({ sentAt: now, status: 'TRANSMIS', updatedAt: now })
      .where(and(eq(acts.id, actId), isNull(acts.sentAt)))
      .returning({ structureId: acts.structureId });
    if (updated[0])
      await recordActStep(tx, {
        actId,
        structureId: updated[0].structureId,
        kind: 'sent',
        status: 'TRANSMIS',
        label: `Transmis à la préfecture (archive ${built.archiveName})`,
        detail: { archiveName: built.archiveName, size: built.size },
        dedupeKey: 'sent',
        at: now,
        actor: actor(),
      });
  });
  return { archiveName: built.archiveName };
}

export async function keyOf(deps: ActsDeps, act: typeof acts.$inferSelect) {
  const [structure] = await deps.db.select().from(structures).where(eq(structures.id, act.structureId));
  const key: ActKey = {
    departement: departementCode3(structure!.departementCode ?? '000'),
    siren: structure!.siren!,
    decisionDate: act.decisionDate,
    number: act.number,
    nature: act.nature as ActNature,
  };
  return key;
}

export async function serial(deps: ActsDeps, structureId: string) {
  const [row] = await deps.db
    .insert(actEnvelopeSerials)
    .values({ structureId, last: 1 })
    .onConflictDoUpdate({ target: actEnvelopeSerials.structureId, set: { last: sql`${actEnvelopeSerials.last} + 1` } })
    .returning({ last: actEnvelopeSerials.last });
  return row!.last;
}

/** The entries of a reply or cancellation archive: its envelope (return address, the one form), the form, files. */
export function archiveEntries(
  deps: ActsDeps,
  key: Pick<ActKey, 'siren' | 'departement'>,
  envelopeName: string,
  message: ArchiveEntry,
  pieces: ArchiveEntry[],
): ArchiveEntry[] {
  const runtime = runtimeOf(deps);
  const envelope = envelopeXml({
    sender: { siren: key.siren, departement: key.departement, arrondissement: '0', collectivityNature: '31' },
    returnAddresses: [runtime.returnAddress],
    forms: [message.name],
  });
  return [{ name: envelopeName, bytes: envelope }, message, ...pieces];
}

/** A cancellation archive holds two small XML files: built in memory, the same bytes on every retry. */
export async function uploadSmallArchive(deps: ActsDeps, archiveName: string, entries: ArchiveEntry[]) {
  const bytes = await buffer(packArchive(filesOf(deps), entries));
  await runtimeOf(deps).ministry.upload({ archiveName, size: bytes.length, open: async () => Readable.from([bytes]) });
}

/**
 * A reply's archive, streamed into the file store at its first build (a 3-4 carries pieces up to 150 MiB) and
 * kept there: a retry uploads the very same bytes, and the archive stays as it was sent.
 */
async function storedReplyArchive(
  deps: ActsDeps,
  letterId: string,
  structureId: string,
  archiveName: string,
  entries: () => ArchiveEntry[],
): Promise<{ fileId: string; size: number }> {
  const files = filesOf(deps);
  const [letter] = await deps.db
    .select({ fileId: actLetters.replyArchiveFileId })
    .from(actLetters)
    .where(eq(actLetters.id, letterId));
  if (letter?.fileId) return { fileId: letter.fileId, size: (await files.head(letter.fileId))?.size ?? 0 };
  const stored = await files.put(packArchive(files, entries()), {
    kind: 'act',
    mediaType: 'application/gzip',
    fileName: archiveName,
    owningStructureId: structureId,
  });
  const claimed = await deps.db
    .update(actLetters)
    .set({ replyArchiveFileId: stored.id })
    .where(and(eq(actLetters.id, letterId), isNull(actLetters.replyArchiveFileId)))
    .returning({ id: actLetters.id });
  if (claimed.length > 0) return { fileId: stored.id, size: stored.size };
  // A concurrent build (a retried activity) won: keep its archive.
  await files.delete(stored.id);
  return storedReplyArchive(deps, letterId, structureId, archiveName, entries);
}

/** The agent's reply to a letter; a 3-3 or 3-4 restarts the two months from today (CE 29 Oct 2008). */
export async function sendLetterReply(deps: ActsDeps, actId: string, letterId: string, code: ReplyCode) {
  const [act] = await deps.db.select().from(acts).where(eq(acts.id, actId));
  const [letter] = await deps.db.select().from(actLetters).where(eq(actLetters.id, letterId));
  if (!act || !letter || !act.idActe) throw new Error(`act ${actId} or letter ${letterId} not found`);
  const key = await keyOf(deps, act);
  const runtime = runtimeOf(deps);
  let archiveName = letter.replyArchiveName;
  if (!archiveName) {
    const n = await serial(deps, act.structureId);
    archiveName = archiveFileName(
      runtime.settings.trigram,
      runtime.settings.application,
      key.siren,
      act.decisionDate,
      n,
    );
    await deps.db.update(actLetters).set({ replyArchiveName: archiveName }).where(eq(actLetters.id, letterId));
  }
  const n = Number(/-(\d+)\.tar\.gz$/.exec(archiveName)![1]);
  const pieces = await deps.db
    .select()
    .from(actPieces)
    .where(eq(actPieces.replyId, letterId))
    .orderBy(actPieces.position);
  const message = {
    name: messageFileName(key, code),
    bytes: replyXml(
      code,
      act.idActe,
      letter.letterDate,
      pieces.map((p) => p.archiveName),
    ),
  };
  if (!letter.repliedAt) {
    const envelopeName = envelopeFileName(runtime.settings.application, key.siren, act.decisionDate, n);
    const archive = await storedReplyArchive(deps, letterId, act.structureId, archiveName, () =>
      archiveEntries(
        deps,
        key,
        envelopeName,
        message,
        pieces.map((p) => ({ name: p.archiveName, fileId: p.fileId })),
      ),
    );
    await runtime.ministry.upload({
      archiveName,
      size: archive.size,
      open: async () => (await filesOf(deps).get(archive.fileId))!.stream,
    });
  }
  const now = deps.clock.now();
  const restart = code === '3-3' || code === '3-4';
  return deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(acts).where(eq(acts.id, actId)).for('update');
    let windowEndsOn = current!.windowEndsOn;
    const written = await recordActStep(tx, {
      actId,
      structureId: act.structureId,
      kind: 'reply_sent',
      status: current!.status as ActStatus,
      label: `${REPLY_LABELS[code as keyof typeof REPLY_LABELS] ?? code} (${code}) envoyée à la préfecture`,
      detail: { code, letterId, archiveName },
      dedupeKey: `reply:${letterId}`,
      at: now,
      actor: actor(),
    });
    if (written) {
      await tx.update(actLetters).set({ repliedAt: now }).where(eq(actLetters.id, letterId));
      if (restart) {
        windowEndsOn = legalityWindowEnd(parisDate(now));
        await tx.update(acts).set({ windowEndsOn, windowSuspended: 0, updatedAt: now }).where(eq(acts.id, actId));
      }
    }
    return { windowEndsOn, restarted: restart };
  });
}

/** 6-1: asks the prefecture to cancel the transmission (needs the IDActe, so only after the acknowledgement). */
export async function sendCancellation(deps: ActsDeps, actId: string) {
  const [act] = await deps.db.select().from(acts).where(eq(acts.id, actId));
  if (!act?.idActe) throw new Error(`act ${actId} has no IDActe yet`);
  const key = await keyOf(deps, act);
  const runtime = runtimeOf(deps);
  let archiveName = act.cancellationArchiveName;
  if (!archiveName) {
    const n = await serial(deps, act.structureId);
    archiveName = archiveFileName(
      runtime.settings.trigram,
      runtime.settings.application,
      key.siren,
      act.decisionDate,
      n,
    );
    await deps.db.update(acts).set({ cancellationArchiveName: archiveName }).where(eq(acts.id, actId));
  }
  const n = Number(/-(\d+)\.tar\.gz$/.exec(archiveName)![1]);
  await uploadSmallArchive(
    deps,
    archiveName,
    archiveEntries(
      deps,
      key,
      envelopeFileName(runtime.settings.application, key.siren, act.decisionDate, n),
      { name: messageFileName(key, '6-1'), bytes: cancellationXml(act.idActe) },
      [],
    ),
  );
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const written = await recordActStep(tx, {
      actId,
      structureId: act.structureId,
      kind: 'cancellation_sent',
      status: 'ANNULATION_DEMANDEE',
      label: 'Annulation de la transmission demandée à la préfecture (6-1)',
      dedupeKey: 'cancellation_sent',
      at: now,
      actor: actor(),
    });
    if (written) await tx.update(acts).set({ status: 'ANNULATION_DEMANDEE', updatedAt: now }).where(eq(acts.id, actId));
  });
}
