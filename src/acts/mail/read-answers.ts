// Reading the ministry's answer mails: every mail kept raw (act_mails, once per Message-ID), each XML attachment
// read by its root element, matched to its act (SIREN + number, IDActe, or the envelope name of an anomaly) and
// handed to the act's workflow as a signal keyed by mail and file. An unreadable or unmatched mail is kept aside
// for the operator and touches nothing else.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { simpleParser, type Attachment } from 'mailparser';
import { acts, actLetters, actMails } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { actWorkflowId, filesOf, runtimeOf, type ActsDeps } from '../deps.ts';
import { MINISTRY_SIGNAL, type MinistrySignal } from '../domain/workflow-contract.ts';
import { parseMinistryMessage, type MinistryMessage } from '../protocol/inbound.ts';
import { recordClassificationAnswer } from '../classification/record-answer.ts';
import { storeClassification } from '../queries/classification.ts';

export interface ReadResult {
  read: number;
  skipped: number;
  signalled: number;
  keptAside: number;
}

type Matched = { actId: string; signal: MinistrySignal };

export async function readAnswerMails(deps: ActsDeps): Promise<ReadResult> {
  const mailbox = await runtimeOf(deps).openMailbox();
  const result: ReadResult = { read: 0, skipped: 0, signalled: 0, keptAside: 0 };
  try {
    for (const message of await mailbox.unread()) {
      const outcome = await handleMail(deps, message.raw);
      result[outcome.kind] += 1;
      result.signalled += outcome.signalled;
      await mailbox.markHandled(message.handle);
    }
  } finally {
    await mailbox.close();
  }
  return result;
}

async function handleMail(
  deps: ActsDeps,
  raw: Buffer,
): Promise<{ kind: 'read' | 'skipped' | 'keptAside'; signalled: number }> {
  const parsed = await simpleParser(raw).catch(() => undefined);
  const messageId = parsed?.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const [known] = await deps.db
    .select({ id: actMails.id, outcome: actMails.outcome })
    .from(actMails)
    .where(eq(actMails.messageId, messageId));
  if (known) return { kind: 'skipped', signalled: 0 };
  const stored = await filesOf(deps).put(Readable.from([raw]), {
    kind: 'act',
    mediaType: 'message/rfc822',
    fileName: 'reponse.eml',
  });
  const keep = async (outcome: string, problem: string | null) => {
    const inserted = await deps.db
      .insert(actMails)
      .values({
        messageId,
        subject: parsed?.subject ?? '',
        rawFileId: stored.id,
        outcome,
        problem,
        receivedAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: actMails.id });
    if (inserted.length === 0) await filesOf(deps).delete(stored.id);
    return inserted.length > 0;
  };
  if (!parsed) {
    await keep('unreadable', 'le message n’est pas un courriel lisible');
    return { kind: 'keptAside', signalled: 0 };
  }
  const xmls = parsed.attachments.filter((a) => /\.xml$/i.test(a.filename ?? '') || /xml/.test(a.contentType));
  let siren: string | undefined;
  const messages: { file: string; message: MinistryMessage }[] = [];
  try {
    if (xmls.length === 0) throw new Error('aucune pièce XML ACTES dans le courriel');
    for (const attachment of xmls) {
      const message = parseMinistryMessage(new Uint8Array(attachment.content));
      if (message.code === 'ENVELOPPE') siren = message.siren;
      else messages.push({ file: attachment.filename ?? '', message });
    }
    if (messages.length === 0) throw new Error('le courriel ne contient qu’une enveloppe, sans message');
    const matched: Matched[] = [];
    for (const { file, message } of messages) {
      const key = `${messageId}:${file}`;
      const one = await match(deps, message, file, siren, key, parsed.attachments);
      if (one === 'classification') continue;
      if (!one) throw new Error(`message ${file} : aucun acte correspondant`);
      matched.push(one);
    }
    // Signals first: a crash before the mail is recorded makes the next reading signal again, which the
    // workflow and the events' dedupe keys absorb; the other order could lose an answer.
    for (const m of matched) await signalAct(deps, m);
    if (!(await keep('processed', null))) return { kind: 'skipped', signalled: 0 };
    return { kind: 'read', signalled: matched.length };
  } catch (error) {
    await keep('unreadable', (error as Error).message);
    return { kind: 'keptAside', signalled: 0 };
  }
}

async function actBy(deps: ActsDeps, where: ReturnType<typeof and>) {
  const [row] = await deps.db
    .select({ id: acts.id, structureId: acts.structureId })
    .from(acts)
    .innerJoin(structures, eq(structures.id, acts.structureId))
    .where(where);
  return row;
}

async function match(
  deps: ActsDeps,
  message: MinistryMessage,
  file: string,
  envelopeSiren: string | undefined,
  key: string,
  attachments: Attachment[],
): Promise<Matched | 'classification' | undefined> {
  switch (message.code) {
    case '1-2': {
      const siren = message.idActe.split('-')[1];
      const act = await actBy(deps, and(eq(structures.siren, siren!), eq(acts.number, message.act.number)));
      return (
        act && { actId: act.id, signal: { key, code: '1-2', idActe: message.idActe, receivedOn: message.receivedOn } }
      );
    }
    case '1-3': {
      if (!envelopeSiren) return undefined;
      const act = await actBy(deps, and(eq(structures.siren, envelopeSiren), eq(acts.number, message.act.number)));
      return (
        act && { actId: act.id, signal: { key, code: '1-3', reason: `${message.detail} (nature ${message.nature})` } }
      );
    }
    case 'ANO': {
      const envelopeName = file.replace(/^ANO_/, '');
      const [act] = await deps.db.select({ id: acts.id }).from(acts).where(eq(acts.envelopeName, envelopeName));
      return (
        act && {
          actId: act.id,
          signal: {
            key,
            code: 'ANO',
            reason: `Enveloppe rejetée par le ministère (${message.nature} : ${message.detail})`,
          },
        }
      );
    }
    case '2-1':
    case '3-1':
    case '4-1':
    case '5-1': {
      const [act] = await deps.db
        .select({ id: acts.id, structureId: acts.structureId })
        .from(acts)
        .where(eq(acts.idActe, message.idActe));
      if (!act) return undefined;
      const pdf = attachments.find((a) => message.files.includes(a.filename ?? ''));
      const stored = pdf
        ? await filesOf(deps).put(Readable.from([pdf.content]), {
            kind: 'act',
            mediaType: 'application/pdf',
            fileName: pdf.filename ?? 'courrier.pdf',
            owningStructureId: act.structureId,
          })
        : undefined;
      const [letter] = await deps.db
        .insert(actLetters)
        .values({
          actId: act.id,
          code: message.code,
          letterDate: message.code === '5-1' ? message.filedOn : message.letterDate,
          text: message.text,
          fileId: stored?.id ?? null,
          receivedAt: deps.clock.now(),
          dedupeKey: key,
        })
        .onConflictDoNothing()
        .returning({ id: actLetters.id });
      const id =
        letter?.id ??
        (await deps.db.select({ id: actLetters.id }).from(actLetters).where(eq(actLetters.dedupeKey, key)))[0]!.id;
      return { actId: act.id, signal: { key, code: message.code, letterId: id } };
    }
    case '6-2':
    case '3-5':
    case '4-5': {
      const [act] = await deps.db.select({ id: acts.id }).from(acts).where(eq(acts.idActe, message.idActe));
      return act && { actId: act.id, signal: { key, code: message.code, receivedOn: message.receivedOn } };
    }
    case '7-2':
    case '7-3': {
      if (!envelopeSiren) return undefined;
      const [structure] = await deps.db
        .select({ id: structures.id })
        .from(structures)
        .where(eq(structures.siren, envelopeSiren));
      if (!structure) return undefined;
      if (message.code === '7-2')
        await storeClassification(
          deps.db,
          structure.id,
          { date: message.classificationDate, natures: message.natures, matieres: message.matieres },
          deps.clock.now(),
        );
      await recordClassificationAnswer(deps, structure.id, message.code, message.classificationDate || undefined);
      return 'classification';
    }
  }
  return undefined;
}

async function signalAct(deps: ActsDeps, m: Matched): Promise<void> {
  if (!deps.temporal) throw new Error('no Temporal client');
  await deps.temporal.workflow.getHandle(actWorkflowId(m.actId)).signal(MINISTRY_SIGNAL, m.signal);
}
