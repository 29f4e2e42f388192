// The sync acts without a person: as the platform's own `chorus-sync` job, reading across structures, and holding
// for each change only the role Chorus Pro reported, for that one structure.
import { systemActor, type Actor, type Role } from '../../platform/auth/index.ts';

export const SYNC_JOB = 'chorus-sync';

/** How the invoice events written by the sync name it (see invoices' actorRef). */
export const SYNC_EVENT_ACTOR = `system:${SYNC_JOB}`;
/** What events recorded before the sync was a system job say: still recognised as the sync's own. */
export const LEGACY_SYNC_EVENT_ACTOR = 'client:chorus-sync';

/** Sees every invoice as an operator would, acts for no one. */
export const syncReader: Actor = systemActor(SYNC_JOB, [], { readsAll: true });

/** Acts with `role` for one structure, as Chorus Pro reported it. */
export function syncActingAs(role: Role, structureId: string): Actor {
  return systemActor(SYNC_JOB, [{ role, structureId }]);
}

export const isSyncEvent = (actor: string): boolean => actor === SYNC_EVENT_ACTOR || actor === LEGACY_SYNC_EVENT_ACTOR;
