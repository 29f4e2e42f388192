// Owned by the platform's audit log: one row per state-changing verb, written in the verb's own transaction.
// Append-only: a trigger (migration 0002) refuses UPDATE, DELETE and TRUNCATE.
import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A logged-in person, an API client (OAuth2 client credentials), or the hub itself (schedules, sync). */
export const auditActorKinds = ['person', 'client', 'system'] as const;
export const auditActorKind = pgEnum('audit_actor_kind', auditActorKinds);

export const auditEvents = pgTable(
  'audit_events',
  {
    /** Increasing: orders the events of one transaction, which share their instant. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorKind: auditActorKind('actor_kind').notNull(),
    /** Person id, OAuth client id, or system job name (`chorus-sync`). */
    actorId: text('actor_id').notNull(),
    /** Readable at the time of the event (the person's name and e-mail then), since people and clients change. */
    actorLabel: text('actor_label').notNull(),
    /** Dotted verb name: `invoice.deposit`, `structure.create`. */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /**
     * The structure owning the subject, when there is one. No foreign key: the log outlives what it describes,
     * and a cascade would have to rewrite it.
     */
    structureId: uuid('structure_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.at),
    index('audit_events_actor_idx').on(t.actorId, t.at),
    index('audit_events_structure_idx')
      .on(t.structureId, t.at)
      .where(sql`${t.structureId} is not null`),
    index('audit_events_at_idx').on(t.at),
    check('audit_events_action_format', sql`${t.action} ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'`),
    check('audit_events_subject_type_format', sql`${t.subjectType} ~ '^[a-z][a-z0-9_]*$'`),
  ],
);
