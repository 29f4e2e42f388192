// Owned by the S²LOW-compatible authentication (src/platform/auth/s2low): single-use nonces of the
// `get-nounce.php` scheme, and the per-person secret that scheme hashes (the login password is kept only as a
// scrypt hash, so it cannot be the shared secret of a SHA-256 challenge).
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './auth.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One row per nonce handed out by `GET /api/get-nounce.php`; a nonce is accepted once, before it expires. */
export const s2lowNonces = pgTable(
  's2low_nonces',
  {
    nonce: text('nonce').primaryKey(),
    issuedAt: at('issued_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** Who used it (set with `used_at`). */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('s2low_nonces_expires_at_idx').on(t.expiresAt)],
);

/** The S²LOW API password of a person, AES-256-GCM encrypted under the deployment's S2LOW_SECRET_KEY. */
export const s2lowApiSecrets = pgTable('s2low_api_secrets', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  /** base64(iv ‖ tag ‖ ciphertext). */
  sealed: text('sealed').notNull(),
  createdAt: at('created_at').notNull(),
});
