// How an actor is written in the log: kind, stable id, and a label readable as it was at the time.
import type { AuditActor } from '../auth/system-actor.ts';
import type { AuditActorRef } from './types.ts';

export function auditActorRef(actor: AuditActor): AuditActorRef {
  switch (actor.kind) {
    case 'person':
      return { kind: 'person', id: actor.personId, label: `${actor.displayName} (${actor.email})` };
    case 'client':
      return { kind: 'client', id: actor.clientId, label: `Client API ${actor.clientId}` };
    case 'system':
      return { kind: 'system', id: actor.name, label: `Hub (${actor.name})` };
  }
}
