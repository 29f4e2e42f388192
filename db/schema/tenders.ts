// The tender room: consultations and their lots, the documents (DCE) and who downloaded them, the companies
// registered for changes, the sealed deposits and their files, questions and answers, awards and letters, and the
// hub's time-stamping authority. Statuses and lists repeat src/tenders/domain (a test keeps them equal).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { structures } from './directory.ts';
import { storedFiles } from './files.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const money = (name: string) => numeric(name, { precision: 15, scale: 2 });

export const tenderConsultationStatuses = ['draft', 'published', 'closed', 'opened', 'awarded', 'notified'] as const;
export const tenderConsultationStatus = pgEnum('tender_consultation_status', tenderConsultationStatuses);
export const tenderContractNatures = ['works', 'supplies', 'services'] as const;
export const tenderContractNature = pgEnum('tender_contract_nature', tenderContractNatures);
export const tenderBidParts = ['candidature', 'offre'] as const;
export const tenderBidPart = pgEnum('tender_bid_part', tenderBidParts);

export const tenderConsultations = pgTable(
  'tender_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => structures.id),
    /** The buyer's own number, 1 to 16 characters: the DECP `id` of the contracts it leads to. */
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    object: text('object').notNull(),
    /** DECP 2.0.3 `procedure`, spelled as the schema spells it. */
    procedure: text('procedure').notNull(),
    nature: tenderContractNature('nature').notNull(),
    cpv: text('cpv').notNull(),
    estimatedAmount: money('estimated_amount').notNull(),
    priorInformationNotice: boolean('prior_information_notice').notNull().default(false),
    justifiedUrgency: boolean('justified_urgency').notNull().default(false),
    backupCopyAllowed: boolean('backup_copy_allowed').notNull().default(false),
    signatureRequired: boolean('signature_required').notNull().default(false),
    /** A test consultation (OE-06): companies simulate a deposit; durations may be compressed. */
    isTest: boolean('is_test').notNull().default(false),
    /** Length of one of its days in ms: 86 400 000 for a real consultation, less for a test one. */
    dayMs: bigint('day_ms', { mode: 'number' }).notNull().default(86_400_000),
    /** Place of execution (DECP `lieuExecution`): INSEE code of the commune by default. */
    placeCode: text('place_code').notNull(),
    placeCodeType: text('place_code_type').notNull().default('Code commune'),
    durationMonths: integer('duration_months').notNull().default(12),
    status: tenderConsultationStatus('status').notNull().default('draft'),
    /** Public key wrapping the data key of every deposited file (RSA-OAEP, SPKI PEM). */
    publicKeyPem: text('public_key_pem'),
    /** Its private key, sealed (AES-256-GCM under the hub's seal secret, bound to this consultation). */
    sealedPrivateKey: text('sealed_private_key'),
    /** Set by the consultation's workflow once its deadline passed: only then may an authorised agent open. */
    keyReleasedAt: at('key_released_at'),
    publishedAt: at('published_at'),
    closedAt: at('closed_at'),
    openedAt: at('opened_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tender_consultations_buyer_reference_uq').on(t.buyerId, t.reference),
    index('tender_consultations_status_idx').on(t.status, t.publishedAt),
    // The search's buyer list walks the distinct buyers of published consultations through it (a few hundred
    // probes instead of reading every consultation).
    index('tender_consultations_published_buyer_idx')
      .on(t.buyerId)
      .where(sql`${t.status} <> 'draft'`),
    check('tender_consultations_reference_format', sql`char_length(${t.reference}) between 1 and 16`),
    check('tender_consultations_cpv_format', sql`${t.cpv} ~ '^[0-9]{8}$'`),
    check('tender_consultations_day_ms_positive', sql`${t.dayMs} > 0`),
  ],
);

export const tenderLots = pgTable(
  'tender_lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    cpv: text('cpv').notNull(),
    estimatedAmount: money('estimated_amount').notNull(),
    deadline: at('deadline').notNull(),
    closedAt: at('closed_at'),
  },
  (t) => [
    uniqueIndex('tender_lots_consultation_number_uq').on(t.consultationId, t.number),
    // The search with closed consultations walks the lots in deadline order and stops at a page's worth.
    index('tender_lots_deadline_idx').on(t.deadline),
    check('tender_lots_cpv_format', sql`${t.cpv} ~ '^[0-9]{8}$'`),
  ],
);

/** Documents of the consultation (DCE), versioned: a new version of the same name keeps the old ones. */
export const tenderDocuments = pgTable(
  'tender_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    significant: boolean('significant').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tender_documents_name_version_uq').on(t.consultationId, t.name, t.version)],
);

/** The registre des retraits: every download of a document, with the identification the downloader chose to give. */
export const tenderWithdrawals = pgTable(
  'tender_withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => tenderDocuments.id),
    at: at('at').notNull().defaultNow(),
    /** A logged-in company, when there is one; null for an anonymous download. */
    companyId: uuid('company_id').references(() => structures.id),
    email: text('email'),
    companyName: text('company_name'),
  },
  (t) => [index('tender_withdrawals_consultation_idx').on(t.consultationId, t.at)],
);

/** Companies that asked to be told of changes and answers (identification is optional for downloads). */
export const tenderRegistrations = pgTable(
  'tender_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    email: text('email').notNull(),
    companyName: text('company_name').notNull(),
    companyId: uuid('company_id').references(() => structures.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tender_registrations_email_uq').on(t.consultationId, t.email)],
);

/** One deposit (pli) of a company for a lot: its upload's start and end, lateness, receipt and time-stamp token. */
export const tenderDeposits = pgTable(
  'tender_deposits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => tenderLots.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => structures.id),
    uploadStartedAt: at('upload_started_at').notNull(),
    /** The end of the upload: the time of receipt that decides lateness. */
    receivedAt: at('received_at').notNull(),
    late: boolean('late').notNull(),
    /** A later deposit of the same company for the same lot, before the deadline, replaces this one (kept). */
    supersededAt: at('superseded_at'),
    /** The receipt's exact JSON bytes (what the token covers), base64. */
    receiptJson: text('receipt_json').notNull(),
    /** The RFC 3161 TimeStampResp (DER), base64. */
    timeStampToken: text('time_stamp_token').notNull(),
    openedAt: at('opened_at'),
    /** Opening verdict: every file decrypted with its GCM tag checked, or the reason it could not be. */
    integrity: text('integrity'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('tender_deposits_consultation_idx').on(t.consultationId, t.lotId, t.companyId),
    check('tender_deposits_integrity', sql`${t.integrity} is null or ${t.integrity} in ('intact', 'altere')`),
  ],
);

/** A file of a deposit, stored encrypted (AES-256-GCM) from its first byte; its data key wrapped by the public key. */
export const tenderDepositFiles = pgTable(
  'tender_deposit_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    depositId: uuid('deposit_id')
      .notNull()
      .references(() => tenderDeposits.id),
    part: tenderBidPart('part').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    /** Size and SHA-256 of the plaintext, as received (the receipt lists them). */
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** The ciphertext in the file store. */
    storedFileId: uuid('stored_file_id')
      .notNull()
      .references(() => storedFiles.id),
    iv: text('iv').notNull(),
    authTag: text('auth_tag').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    /**
     * 'aes-256-gcm': one GCM stream, its tag in auth_tag (a plain deposit); 'aes-256-gcm-segments': framed segments,
     * each with its own nonce and its index and final flag bound as additional data (a resumable upload; iv and
     * auth_tag are empty).
     */
    cipher: text('cipher').notNull().default('aes-256-gcm'),
    /**
     * The latest antivirus verdict (every one is in tender_antivirus_verdicts): 'infected' means quarantined, kept
     * sealed and never opened; 'failed' is scanned again before opening; 'not_scanned' without clamd.
     */
    scanVerdict: text('scan_verdict').notNull().default('not_scanned'),
    integrity: text('integrity'),
  },
  (t) => [
    index('tender_deposit_files_deposit_idx').on(t.depositId),
    check('tender_deposit_files_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('tender_deposit_files_scan_verdict', sql`${t.scanVerdict} in ('clean', 'infected', 'not_scanned', 'failed')`),
    check('tender_deposit_files_cipher', sql`${t.cipher} in ('aes-256-gcm', 'aes-256-gcm-segments')`),
  ],
);

/**
 * Every antivirus verdict on a file of the tender room (AV-01): a bid file at receipt and again before opening, a
 * buyer's document when added. The stored file has no foreign key: an infected document is refused and its file
 * deleted, its verdict stays.
 */
export const tenderAntivirusVerdicts = pgTable(
  'tender_antivirus_verdicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    storedFileId: uuid('stored_file_id').notNull(),
    depositFileId: uuid('deposit_file_id').references(() => tenderDepositFiles.id),
    documentId: uuid('document_id').references(() => tenderDocuments.id),
    fileName: text('file_name').notNull(),
    stage: text('stage').notNull(),
    result: text('result').notNull(),
    signature: text('signature'),
    /** The engine and its signature database as clamd gave them (`ClamAV 1.4.6/27431/…`). */
    engine: text('engine'),
    /** In French, as the company or the buyer is told. */
    detail: text('detail').notNull(),
    scannedAt: at('scanned_at').notNull(),
  },
  (t) => [
    index('tender_antivirus_verdicts_consultation_idx').on(t.consultationId, t.scannedAt),
    index('tender_antivirus_verdicts_file_idx').on(t.storedFileId),
    check('tender_antivirus_verdicts_stage', sql`${t.stage} in ('receipt', 'opening', 'document')`),
    check('tender_antivirus_verdicts_result', sql`${t.result} in ('clean', 'infected', 'not_scanned', 'failed')`),
  ],
);

/** Questions of companies and the buyer's answers, published to all without the asker's name. */
export const tenderQuestions = pgTable(
  'tender_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    companyId: uuid('company_id').references(() => structures.id),
    askerEmail: text('asker_email'),
    question: text('question').notNull(),
    askedAt: at('asked_at').notNull(),
    answer: text('answer'),
    answeredAt: at('answered_at'),
  },
  (t) => [index('tender_questions_consultation_idx').on(t.consultationId, t.askedAt)],
);

/** The award of a lot to one deposit, with what DECP 2.0.3 needs, and the contract's signature and notification. */
export const tenderAwards = pgTable(
  'tender_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => tenderLots.id),
    depositId: uuid('deposit_id')
      .notNull()
      .references(() => tenderDeposits.id),
    amount: money('amount').notNull(),
    reasons: text('reasons').notNull(),
    /** DECP fields the buyer states at award. */
    decp: jsonb('decp').notNull(),
    offersReceived: integer('offers_received').notNull(),
    decidedAt: at('decided_at').notNull(),
    lettersSentAt: at('letters_sent_at'),
    standstillEndsAt: at('standstill_ends_at'),
    signedAt: at('signed_at'),
    notifiedAt: at('notified_at'),
    decpPublishedAt: at('decp_published_at'),
  },
  (t) => [uniqueIndex('tender_awards_lot_uq').on(t.lotId)],
);

/** Letters generated for an award: to each unsuccessful company (reasons, standstill end) and to the winner. */
export const tenderLetters = pgTable(
  'tender_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    awardId: uuid('award_id')
      .notNull()
      .references(() => tenderAwards.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => structures.id),
    kind: text('kind').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    sentAt: at('sent_at').notNull(),
    readAt: at('read_at'),
  },
  (t) => [
    uniqueIndex('tender_letters_award_company_kind_uq').on(t.awardId, t.companyId, t.kind),
    check('tender_letters_kind', sql`${t.kind} in ('rejet', 'attribution')`),
  ],
);

/** The hub's own time-stamping authority: its root and its signing certificate, the signing key sealed. */
export const tenderTimeStampAuthority = pgTable('tender_time_stamp_authority', {
  id: text('id').primaryKey(),
  rootCertificatePem: text('root_certificate_pem').notNull(),
  certificatePem: text('certificate_pem').notNull(),
  sealedPrivateKey: text('sealed_private_key').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/**
 * A resumable upload (tus 1.0.0) of one bid file by a company, for one lot and one part. Its bytes are sealed as
 * they arrive, segment by segment (`tender_upload_segments`), then assembled into one stored ciphertext once the
 * last byte is stored (`completed_at`: the END that decides lateness; `created_at`: the START). The data key is
 * wrapped with the consultation's public key like any bid file's, and also sealed under the hub's seal secret while
 * the upload runs (to re-hash a resumed prefix and scan it); that copy is wiped once the deposit is made.
 */
export const tenderUploadSessions = pgTable(
  'tender_upload_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => tenderConsultations.id),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => tenderLots.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => structures.id),
    part: tenderBidPart('part').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    /** Upload-Length: the plaintext's size, declared at creation. */
    length: bigint('length', { mode: 'number' }).notNull(),
    /** Upload-Offset: plaintext bytes sealed and stored so far (always the end of a stored segment). */
    storedBytes: bigint('stored_bytes', { mode: 'number' }).notNull().default(0),
    segmentCount: integer('segment_count').notNull().default(0),
    wrappedKey: text('wrapped_key').notNull(),
    /** The data key sealed under the seal secret, bound to this session; null once deposited. */
    sealedDataKey: text('sealed_data_key'),
    /** Set when the plaintext hash had to be rebuilt from the stored prefix (the upload was resumed elsewhere). */
    resumed: boolean('resumed').notNull().default(false),
    sha256: text('sha256'),
    /** The antivirus verdict on the whole plaintext, once complete. */
    scanVerdict: jsonb('scan_verdict'),
    /** The assembled ciphertext, once complete. */
    storedFileId: uuid('stored_file_id').references(() => storedFiles.id),
    createdAt: at('created_at').notNull(),
    completedAt: at('completed_at'),
    expiresAt: at('expires_at').notNull(),
    depositId: uuid('deposit_id').references(() => tenderDeposits.id),
  },
  (t) => [
    index('tender_upload_sessions_company_idx').on(t.companyId, t.lotId),
    index('tender_upload_sessions_expires_idx').on(t.expiresAt),
    check('tender_upload_sessions_offset', sql`${t.storedBytes} >= 0 and ${t.storedBytes} <= ${t.length}`),
  ],
);

/** One sealed segment of an upload not yet assembled: its plaintext size and its framed ciphertext in the store. */
export const tenderUploadSegments = pgTable(
  'tender_upload_segments',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tenderUploadSessions.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(),
    plainSize: integer('plain_size').notNull(),
    storedFileId: uuid('stored_file_id')
      .notNull()
      .references(() => storedFiles.id),
  },
  (t) => [uniqueIndex('tender_upload_segments_uq').on(t.sessionId, t.index)],
);

/**
 * Each signed contract uploaded for a lot's notification, kept with its verification report (French JSON, see
 * src/tenders/signature/verify-contract.ts), accepted or refused. One accepted contract per award.
 */
export const tenderContractSignatures = pgTable(
  'tender_contract_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    awardId: uuid('award_id')
      .notNull()
      .references(() => tenderAwards.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    decision: text('decision').notNull(),
    /** The refusal's reason (NO_SIGNATURE, INTEGRITY, CERTIFICATE_NOT_VALID_AT_SIGNING_TIME) when refused. */
    refusalReason: text('refusal_reason'),
    report: jsonb('report').notNull(),
    checkedAt: at('checked_at').notNull(),
  },
  (t) => [
    index('tender_contract_signatures_award_idx').on(t.awardId),
    uniqueIndex('tender_contract_signatures_accepted_uq')
      .on(t.awardId)
      .where(sql`${t.decision} = 'accepte'`),
    check('tender_contract_signatures_decision', sql`${t.decision} in ('accepte', 'refuse')`),
  ],
);
