// 3-2 ARDemandePieceComplementaire / 4-2 ARLettreObservations: the collectivity acknowledges a 3-1 or a 4-1 as
// soon as it is read, as S²LOW (ActesEnvoiAR) and Stela do. One small archive per letter, under a name fixed at
// its first build (the ministry takes a name once, so a retry after a crash between the upload and its record
// sends nothing twice), then the step « acquittement envoyé » with its event, audit row and notification.
import { and, eq, isNull } from 'drizzle-orm';
import { actLetters, acts } from '../../../db/schema/acts.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { runtimeOf, type ActsDeps } from '../deps.ts';
import { replyXml } from '../domain/messages.ts';
import { archiveFileName, envelopeFileName, messageFileName } from '../domain/names.ts';
import { LETTER_LABELS, type ActStatus } from '../domain/statuses.ts';
import { recordActStep } from '../events.ts';
import { checkLetterAcknowledgement } from '../protocol/checks.ts';
import { readXml } from '../protocol/xml-read.ts';
import { ArchiveRefused } from './build-archive.ts';
import { archiveEntries, keyOf, serial, uploadSmallArchive } from './send.ts';

const ACKNOWLEDGEMENT_OF = { '3-1': '3-2', '4-1': '4-2' } as const;

export type AcknowledgementResult =
  { sent: true; code: '3-2' | '4-2'; archiveName: string } | { sent: false; reason: 'no_acknowledgement_expected' };

/** The archive name of the letter's acknowledgement: the one recorded, or a new serial claimed once. */
async function fixedArchiveName(deps: ActsDeps, act: typeof acts.$inferSelect, letterId: string, siren: string) {
  const { trigram, application } = runtimeOf(deps).settings;
  const name = archiveFileName(trigram, application, siren, act.decisionDate, await serial(deps, act.structureId));
  await deps.db
    .update(actLetters)
    .set({ ackArchiveName: name })
    .where(and(eq(actLetters.id, letterId), isNull(actLetters.ackArchiveName)));
  // A concurrent build (a retried activity) may have won: its name is the one.
  const [row] = await deps.db
    .select({ name: actLetters.ackArchiveName })
    .from(actLetters)
    .where(eq(actLetters.id, letterId));
  return row!.name!;
}

export async function sendLetterAcknowledgement(
  deps: ActsDeps,
  actId: string,
  letterId: string,
): Promise<AcknowledgementResult> {
  const [act] = await deps.db.select().from(acts).where(eq(acts.id, actId));
  const [letter] = await deps.db
    .select()
    .from(actLetters)
    .where(and(eq(actLetters.id, letterId), eq(actLetters.actId, actId)));
  if (!act || !letter || !act.idActe) throw new Error(`act ${actId} or its letter ${letterId} not found`);
  const code = ACKNOWLEDGEMENT_OF[letter.code as keyof typeof ACKNOWLEDGEMENT_OF];
  if (!code) return { sent: false, reason: 'no_acknowledgement_expected' };
  const key = await keyOf(deps, act);
  const archiveName = letter.ackArchiveName ?? (await fixedArchiveName(deps, act, letterId, key.siren));
  if (!letter.ackSentAt) {
    // DateCourrierPref = the date of the letter acknowledged, as S²LOW writes it.
    const bytes = replyXml(code, act.idActe, letter.letterDate, []);
    const violations = checkLetterAcknowledgement(readXml(bytes), code);
    if (violations.length > 0) throw new ArchiveRefused(violations);
    const n = Number(/-(\d+)\.tar\.gz$/.exec(archiveName)![1]);
    const { application } = runtimeOf(deps).settings;
    await uploadSmallArchive(
      deps,
      archiveName,
      archiveEntries(
        deps,
        key,
        envelopeFileName(application, key.siren, act.decisionDate, n),
        {
          name: messageFileName(key, code),
          bytes,
        },
        [],
      ),
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select({ status: acts.status }).from(acts).where(eq(acts.id, actId)).for('update');
    const written = await recordActStep(tx, {
      actId,
      structureId: act.structureId,
      kind: 'acknowledgement_sent',
      status: current!.status as ActStatus,
      label: `Acquittement envoyé à la préfecture (${code}) : « ${LETTER_LABELS[letter.code as '3-1' | '4-1']} » du ${letter.letterDate} bien reçue`,
      detail: { code, letterId, archiveName },
      dedupeKey: `acknowledgement:${letterId}`,
      at: now,
      actor: systemActor('acts-transmission'),
    });
    if (written)
      await tx
        .update(actLetters)
        .set({ ackSentAt: now })
        .where(and(eq(actLetters.id, letterId), isNull(actLetters.ackSentAt)));
  });
  return { sent: true, code, archiveName };
}
