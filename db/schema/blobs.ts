// Original documents, stored once by content hash before anything else reads them.
import { bigint, customType, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const blobs = pgTable('blobs', {
  /** Lowercase hex SHA-256 of the bytes: the same document is stored once whoever sends it. */
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mediaType: text('media_type').notNull(),
  /** The bytes themselves (the S3-compatible store keeps them elsewhere and leaves this null). */
  content: bytea('content'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
