// The hub acting by itself: a schedule, the Chorus Pro sync, the yearly billing run. Not a person, not an API client,
// and never an operator in disguise: the audit log names the job, and the job holds only the grants its code gives
// it for the change at hand (the sync acts as the recipient Chorus Pro reported, for that structure alone).
import type { RoleGrant, SystemActor, SystemJob } from './actor.ts';

export { SYSTEM_JOBS, type SystemActor, type SystemJob } from './actor.ts';

/** A system job; without grants it passes no role check, with `readsAll` it reads what an operator reads. */
export function systemActor(
  name: SystemJob,
  grants: RoleGrant[] = [],
  options: { readsAll?: boolean } = {},
): SystemActor {
  return { kind: 'system', name, grants, ...(options.readsAll ? { readsAll: true } : {}) };
}

/** Whoever a state change is recorded for: every actor, system jobs included. */
export type AuditActor = import('./actor.ts').Actor;

export const isSystemActor = (actor: AuditActor): actor is SystemActor => actor.kind === 'system';
