// Owned by the acts module (src/acts): acts sent to the prefecture (ACTES), their pieces and events, the
// prefecture's letters and the collectivity's replies, the classification files, the answer mails read over IMAP.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './auth.ts';
import { structures } from './directory.ts';
import { storedFiles } from './files.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Repeated from src/acts/domain/statuses.ts (a test keeps the two equal). */
export const actStatuses = [
  'BROUILLON',
  'EN_ATTENTE_TRANSMISSION',
  'TRANSMIS',
  'ACQUITTE',
  'ERREUR',
  'ANNULATION_DEMANDEE',
  'ANNULE',
  'DEFERE',
  'VALIDE',
] as const;
export const actStatus = pgEnum('act_status', actStatuses);

/** A collectivity's classification file (7-2), one row per DateClassification received. */
export const actClassifications = pgTable(
  'act_classifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    classificationDate: date('classification_date', { mode: 'string' }).notNull(),
    /** The parsed file: natures with their typologies, the matière tree. */
    tree: jsonb('tree').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [uniqueIndex('act_classifications_structure_date_uq').on(t.structureId, t.classificationDate)],
);

/**
 * A 7-1 DemandeClassification sent for a structure and its answer: a 7-2 (a new file, stored in
 * act_classifications) or a 7-3 (no change).
 */
export const actClassificationRequests = pgTable(
  'act_classification_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    /** The DateClassification sent: the file in use (none: a forced request). */
    inUseDate: date('in_use_date', { mode: 'string' }),
    requestedAt: at('requested_at').notNull(),
    /** Fixed at the first build: a retried upload sends the same name, which the ministry takes once. */
    archiveName: text('archive_name'),
    sentAt: at('sent_at'),
    answerCode: text('answer_code'),
    answeredAt: at('answered_at'),
    /** The DateClassification of the answer. */
    answerDate: date('answer_date', { mode: 'string' }),
    /** Temporal took the start of its workflow; until then the request relay starts it. */
    startedAt: at('started_at'),
  },
  (t) => [index('act_classification_requests_structure_idx').on(t.structureId, t.requestedAt)],
);

/** Per-structure serial of the envelopes (the N of `EACT--SIREN--DATE-N`). */
export const actEnvelopeSerials = pgTable('act_envelope_serials', {
  structureId: uuid('structure_id')
    .primaryKey()
    .references(() => structures.id),
  last: integer('last').notNull(),
});

/**
 * Drafts sent together in one action (typically the decisions of one council meeting). Each act keeps its own
 * transmission (one archive per act); the batch is the agent's view of their progress. `actsKey` (the sorted act
 * ids, hashed) makes sending the same selection twice answer the first batch.
 */
export const actBatches = pgTable(
  'act_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    actsKey: text('acts_key').notNull(),
    actCount: integer('act_count').notNull(),
    createdBy: text('created_by').notNull(),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('act_batches_structure_key_uq').on(t.structureId, t.actsKey),
    index('act_batches_structure_created_idx').on(t.structureId, t.createdAt),
  ],
);

export const acts = pgTable(
  'acts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    nature: integer('nature').notNull(),
    classification: text('classification').notNull(),
    classificationDate: date('classification_date', { mode: 'string' }).notNull(),
    number: text('number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    object: text('object').notNull(),
    status: actStatus('status').notNull(),
    /** The council meeting (« séance ») a draft belongs to, to select its decisions together; free label and date. */
    meetingLabel: text('meeting_label'),
    meetingDate: date('meeting_date', { mode: 'string' }),
    /** When it was queued for transmission: its creation, or the sending of the draft (the relay's clock). */
    submittedAt: at('submitted_at'),
    /** The batch that sent it, when it was a draft sent with others. */
    batchId: uuid('batch_id').references(() => actBatches.id),
    /** Assigned by the ministry in ARActe. */
    idActe: text('id_acte'),
    /** DateReception of ARActe: the start of the legality window. */
    receivedOn: date('received_on', { mode: 'string' }),
    /** The last day of the préfet's two months (moved by a 3-1 answer). */
    windowEndsOn: date('window_ends_on', { mode: 'string' }),
    /** A 3-1 waits for an answer: the window is suspended until the collectivity replies. */
    windowSuspended: integer('window_suspended').notNull().default(0),
    archiveName: text('archive_name'),
    envelopeName: text('envelope_name'),
    archiveFileId: uuid('archive_file_id').references(() => storedFiles.id),
    sentAt: at('sent_at'),
    /** The 6-1 archive, once the agent asked to cancel. */
    cancellationArchiveName: text('cancellation_archive_name'),
    error: text('error'),
    publishedAt: at('published_at'),
    createdBy: text('created_by').notNull(),
    /** The agent who created it (the envelope's Referent), when a person did. */
    createdByPersonId: uuid('created_by_person_id').references(() => people.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('acts_structure_number_uq').on(t.structureId, t.number),
    index('acts_structure_created_idx').on(t.structureId, t.createdAt),
    index('acts_status_idx').on(t.status),
    index('acts_batch_idx')
      .on(t.batchId)
      .where(sql`${t.batchId} is not null`),
    index('acts_published_idx').on(t.structureId, t.publishedAt),
    // The public publication page: a collectivity's published acts, newest first, and the words of their object
    // (the expression of src/acts/publication/public-acts.ts, accents folded with translate: no extension needed).
    index('acts_published_list_idx')
      .on(t.structureId, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.publishedAt} is not null`),
    index('acts_object_search_idx').using(
      'gin',
      sql`to_tsvector('french'::regconfig, translate(lower(${t.object}), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ', 'aaaaaaceeeeiiiinooooouuuuyyoa'))`,
    ),
    uniqueIndex('acts_envelope_name_uq').on(t.envelopeName),
    check('acts_nature_range', sql`${t.nature} between 1 and 6`),
  ],
);

/** The main document (position 1) and the annexes (2…) of an act, or the pieces of a reply. */
export const actPieces = pgTable(
  'act_pieces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actId: uuid('act_id')
      .notNull()
      .references(() => acts.id, { onDelete: 'cascade' }),
    /** Null for the act itself; the reply's id for the pieces of a reply. */
    replyId: uuid('reply_id'),
    position: integer('position').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    typology: text('typology').notNull(),
    extension: text('extension').notNull(),
    /** The name in the archive (`99_DE-035-…-1-1_1.pdf`). */
    archiveName: text('archive_name').notNull(),
    originalName: text('original_name').notNull(),
    signatureFileId: uuid('signature_file_id').references(() => storedFiles.id),
  },
  (t) => [index('act_pieces_act_idx').on(t.actId)],
);

/** Every step of an act, in order; a ministry message is recorded once (its dedupe key: mail id + file). */
export const actEvents = pgTable(
  'act_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actId: uuid('act_id')
      .notNull()
      .references(() => acts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: actStatus('status').notNull(),
    label: text('label').notNull(),
    detail: jsonb('detail'),
    dedupeKey: text('dedupe_key'),
    at: at('at').notNull(),
  },
  (t) => [index('act_events_act_idx').on(t.actId, t.id), uniqueIndex('act_events_dedupe_uq').on(t.actId, t.dedupeKey)],
);

/** A letter of the prefecture (2-1, 3-1, 4-1, 5-1) and the collectivity's reply. */
export const actLetters = pgTable(
  'act_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actId: uuid('act_id')
      .notNull()
      .references(() => acts.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    letterDate: date('letter_date', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    fileId: uuid('file_id').references(() => storedFiles.id),
    receivedAt: at('received_at').notNull(),
    readAt: at('read_at'),
    replyCode: text('reply_code'),
    replyRequestedAt: at('reply_requested_at'),
    repliedAt: at('replied_at'),
    /** The archive name of the reply, kept from its first build: a retried upload sends the same name. */
    replyArchiveName: text('reply_archive_name'),
    /** The reply's archive as built and sent (pieces of a 3-4 can be large: streamed into the store once). */
    replyArchiveFileId: uuid('reply_archive_file_id').references(() => storedFiles.id),
    dedupeKey: text('dedupe_key').notNull(),
    /** The 3-2 / 4-2 acknowledging a 3-1 / 4-1: its archive name, fixed at its first build, and when it was sent. */
    ackArchiveName: text('ack_archive_name'),
    ackSentAt: at('ack_sent_at'),
  },
  (t) => [uniqueIndex('act_letters_dedupe_uq').on(t.dedupeKey), index('act_letters_act_idx').on(t.actId)],
);

/** Every answer mail read from the mailbox, kept raw; an unreadable or unmatched one waits for the operator. */
export const actMails = pgTable(
  'act_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull(),
    subject: text('subject').notNull(),
    rawFileId: uuid('raw_file_id').references(() => storedFiles.id),
    outcome: text('outcome').notNull(),
    problem: text('problem'),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [uniqueIndex('act_mails_message_id_uq').on(t.messageId), index('act_mails_outcome_idx').on(t.outcome)],
);

/** What the agents of the structure are told: one row per agent and step. */
export const actNotifications = pgTable(
  'act_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actId: uuid('act_id')
      .notNull()
      .references(() => acts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
  },
  (t) => [index('act_notifications_person_idx').on(t.personId, t.createdAt)],
);

/**
 * The outbox of the agent's requests to an act's workflow (a reply to a letter, a cancellation): written in the
 * verb's transaction, marked once Temporal took the signal; the request relay signals again what stays unmarked.
 */
export const actAgentRequests = pgTable(
  'act_agent_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actId: uuid('act_id')
      .notNull()
      .references(() => acts.id, { onDelete: 'cascade' }),
    /** `reply:{letterId}` or `cancel`: the workflow's dedupe key too, so a request is one row and one send. */
    requestKey: text('request_key').notNull(),
    /** The AgentSignal as sent to the workflow. */
    signal: jsonb('signal').notNull(),
    committedAt: at('committed_at').notNull(),
    signalledAt: at('signalled_at'),
    /** Why the relay gave up (the act's workflow has ended): shown to operators, never retried. */
    undeliverable: text('undeliverable'),
  },
  (t) => [
    uniqueIndex('act_agent_requests_key_uq').on(t.actId, t.requestKey),
    index('act_agent_requests_pending_idx')
      .on(t.committedAt)
      .where(sql`${t.signalledAt} is null and ${t.undeliverable} is null`),
  ],
);
