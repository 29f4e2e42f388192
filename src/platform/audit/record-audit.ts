// The one way to write to the audit log: inside the transaction of the verb whose change it records, so that the
// change and its row commit or roll back together.
import type { Db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { currentRequestId } from '../request-context.ts';
import { auditActorRef } from './actor-ref.ts';
import { AUDIT_ACTION, AUDIT_SUBJECT_TYPE, type AuditEntry } from './types.ts';

/** A drizzle transaction (or, for a single-statement verb, the database handle itself). */
export type AuditWriter = Pick<Db, 'insert'>;

export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<{ id: number; at: Date }> {
  // Wrong names are programming errors: fail loudly rather than log something unsearchable.
  if (!AUDIT_ACTION.test(entry.action))
    throw new Error(`audit action must be a dotted verb name (invoice.deposit): ${entry.action}`);
  if (!AUDIT_SUBJECT_TYPE.test(entry.subject.type))
    throw new Error(`audit subject type must be snake_case: ${entry.subject.type}`);
  if (entry.subject.id === '') throw new Error('audit subject id is empty');
  const actor = 'label' in entry.actor ? entry.actor : auditActorRef(entry.actor);
  const [row] = await tx
    .insert(auditEvents)
    .values({
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      structureId: entry.structureId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.requestId ?? currentRequestId() ?? null,
    })
    .returning({ id: auditEvents.id, at: auditEvents.at });
  if (!row) throw new Error('audit row not written');
  return row;
}
