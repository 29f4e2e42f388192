// Owned by the platform's file store (src/platform/files): one row per stored upload, written once its bytes are
// safely in the backend. Modules refer to a file by its id (a foreign key keeps a referenced file from deletion).
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { structures } from './directory.ts';

/** Repeats FILE_KINDS of src/platform/files/kinds.ts (a test keeps the two equal). */
export const storedFileKinds = ['act', 'accounting_flow', 'tender_document', 'bid', 'attachment'] as const;
export const storedFileKind = pgEnum('stored_file_kind', storedFileKinds);

export const storedFileBackends = ['disk', 's3'] as const;
export const storedFileBackend = pgEnum('stored_file_backend', storedFileBackends);

export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: storedFileKind('kind').notNull(),
    /** Lowercase hex SHA-256 of the bytes, computed while they streamed in. */
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    /** The name the sender gave, without its folders. */
    fileName: text('file_name').notNull(),
    backend: storedFileBackend('backend').notNull(),
    /** Where the bytes are in the backend: the SHA-256 on disk, objects/<uuid> in S3; rows may share one. */
    objectKey: text('object_key').notNull(),
    owningStructureId: uuid('owning_structure_id').references(() => structures.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stored_files_content_idx').on(t.backend, t.sha256),
    index('stored_files_object_idx').on(t.backend, t.objectKey),
    index('stored_files_structure_idx')
      .on(t.owningStructureId)
      .where(sql`${t.owningStructureId} is not null`),
    check('stored_files_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('stored_files_size_not_negative', sql`${t.size} >= 0`),
  ],
);
