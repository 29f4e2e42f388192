// What the audit log holds and how it is searched, without the database: pages and other modules use these types.
import type { AuditActor } from '../auth/system-actor.ts';

export const AUDIT_ACTOR_KINDS = ['person', 'client', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** How an actor is written in the log: kind, stable id, and a label readable as it was at the time. */
export interface AuditActorRef {
  kind: AuditActorKind;
  id: string;
  label: string;
}

/** Dotted verb name, module first: `invoice.deposit`, `invoice.decide`, `structure.create`. */
export const AUDIT_ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
/** Kind of thing acted on: `invoice`, `structure`, `api_client`. */
export const AUDIT_SUBJECT_TYPE = /^[a-z][a-z0-9_]*$/;

/** One state change to record, in the transaction that makes it. */
export interface AuditEntry {
  /** Who acted: an actor, or its reference as recorded earlier (a workflow carries the reference, not the actor). */
  actor: AuditActor | AuditActorRef;
  action: string;
  subject: { type: string; id: string };
  /** The structure owning the subject (the invoice's recipient, the structure edited…), when there is one. */
  structureId?: string | null | undefined;
  /** The subject's state before and after, as JSON (fields that changed, or the whole record on creation). */
  before?: unknown;
  after?: unknown;
  /** The HTTP request behind the change (`X-Request-Id`), absent for schedules. */
  requestId?: string | null | undefined;
}

export interface AuditEvent {
  id: number;
  at: Date;
  actorKind: AuditActorKind;
  actorId: string;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  structureId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditSearchResult {
  items: AuditEvent[];
  total: number;
  page: number;
  pageSize: number;
}
