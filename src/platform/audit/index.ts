// The platform's audit log: what every module's state-changing verbs call, and the operator's search.
export { recordAudit, type AuditWriter } from './record-audit.ts';
export { auditActorRef } from './actor-ref.ts';
export {
  AUDIT_DEFAULT_PAGE_SIZE,
  AUDIT_MAX_PAGE_SIZE,
  searchAuditEvents,
  type AuditReadContext,
  type SearchAuditEventsInput,
} from './search-audit-events.ts';
export {
  AUDIT_ACTION,
  AUDIT_ACTOR_KINDS,
  type AuditActorKind,
  type AuditActorRef,
  type AuditEntry,
  type AuditEvent,
  type AuditSearchResult,
} from './types.ts';
export {
  SYSTEM_JOBS,
  isSystemActor,
  systemActor,
  type AuditActor,
  type SystemActor,
  type SystemJob,
} from '../auth/system-actor.ts';
