// Every directory edit runs here: its writes and its audit row (platform audit log) in one transaction, then one
// log line once committed.
import type { Db } from '../../db/client.ts';
import { auditActorRef, recordAudit, type AuditEntry } from '../platform/audit/index.ts';
import type { Actor } from '../platform/auth/index.ts';
import type { AppDeps } from '../platform/http.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type DirectoryAction =
  'structure_created' | 'structure_updated' | 'chorus_routing_updated' | 'service_created' | 'service_updated';

/** What an edit did: who, when, on what, and each field's value before and after (empty when nothing changed). */
export interface DirectoryChange {
  action: DirectoryAction;
  structureId: string;
  serviceId?: string;
  changedBy: string;
  changedAt: string;
  changes: FieldChange[];
}

/** The audit log's dotted action of each change (subject first, as `invoice.deposit`). */
const AUDIT_ACTIONS: Record<DirectoryAction, string> = {
  structure_created: 'structure.create',
  structure_updated: 'structure.update',
  chorus_routing_updated: 'structure.update_chorus_routing',
  service_created: 'service.create',
  service_updated: 'service.update',
};

export const changedByOf = (actor: Actor): string => {
  const ref = auditActorRef(actor);
  return `${ref.kind}:${ref.id}`;
};

/** The audit row of a change: subject (structure or service), owning structure, changed fields before and after. */
export function auditEntryOf(actor: Actor, change: DirectoryChange): AuditEntry {
  return {
    actor,
    action: AUDIT_ACTIONS[change.action],
    subject: change.serviceId
      ? { type: 'service', id: change.serviceId }
      : { type: 'structure', id: change.structureId },
    structureId: change.structureId,
    before: Object.fromEntries(change.changes.map((c) => [c.field, c.before])),
    after: Object.fromEntries(change.changes.map((c) => [c.field, c.after])),
  };
}

type AuditDeps = Pick<AppDeps, 'db' | 'logger'>;

/**
 * Runs `work` in one transaction; when it changed something, its audit row is written in the same transaction
 * (both commit or neither), and the change is logged once committed. A change with no field changed writes nothing.
 */
export async function audited<T extends { change: DirectoryChange }>(
  deps: AuditDeps,
  actor: Actor,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  const result = await deps.db.transaction(async (tx) => {
    const out = await work(tx);
    if (out.change.changes.length > 0) await recordAudit(tx, auditEntryOf(actor, out.change));
    return out;
  });
  if (result.change.changes.length > 0)
    deps.logger.info({ audit: result.change }, `directory: ${result.change.action}`);
  return result;
}

/** The fields whose value differs between `before` and `after` (keys of `after`). */
export function diff<T extends object>(before: T, after: T): FieldChange[] {
  return (Object.keys(after) as (keyof T & string)[])
    .filter((k) => before[k] !== after[k])
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

/** Every field of a created row, from nothing. */
export const created = (values: Record<string, unknown>): FieldChange[] =>
  Object.entries(values).map(([field, after]) => ({ field, before: null, after }));
