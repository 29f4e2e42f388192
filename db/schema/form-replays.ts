// Forms posted after their session expired, kept server-side so that the person can send them again after logging
// back in (`/reprise/:jeton`). Only a hash of the link's token is stored; a replay serves once, for its owner.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './auth.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const formReplays = pgTable(
  'form_replays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the token in `/reprise/<token>`. */
    tokenHash: text('token_hash').notNull(),
    /** The person of the expired session the form was posted with (its CSRF token matched). */
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** Where the form was posted, path and query. */
    path: text('path').notNull(),
    /** `application/x-www-form-urlencoded` or `multipart/form-data`. */
    enctype: text('enctype').notNull(),
    /** The posted text fields in order, `[name, value]` (a name may repeat); the CSRF token is not kept. */
    fields: jsonb('fields').$type<[string, string][]>().notNull(),
    /** Files of a multipart form that could not be kept: the person attaches them again. */
    droppedFiles: integer('dropped_files').notNull().default(0),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('form_replays_token_hash_uq').on(t.tokenHash), index('form_replays_person_idx').on(t.personId)],
);

export type FormReplay = typeof formReplays.$inferSelect;
