// The sync acts without a person: as the platform (operator view) to read, and as the party it stands for to act.
import type { Actor, Role } from '../../platform/auth/index.ts';

export const SYNC_CLIENT_ID = 'chorus-sync';

/** Sees every invoice (operator), acts for no one. */
export const syncReader: Actor = {
  kind: 'client',
  clientId: SYNC_CLIENT_ID,
  grants: [{ role: 'operator', structureId: SYNC_CLIENT_ID }],
  scopes: [],
};

/** Acts with `role` for one structure, as Chorus Pro reported it. */
export function syncActingAs(role: Role, structureId: string): Actor {
  return { kind: 'client', clientId: SYNC_CLIENT_ID, grants: [{ role, structureId }], scopes: [] };
}
