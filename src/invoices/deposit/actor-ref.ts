import type { Actor } from '../../platform/auth/index.ts';

/** How events and deposits name who acted: `person:<uuid>`, `client:<id>` or `system:<job>`, with a readable name. */
export function actorRef(actor: Actor): { actor: string; actorName: string } {
  switch (actor.kind) {
    case 'person':
      return { actor: `person:${actor.personId}`, actorName: actor.displayName };
    case 'client':
      return { actor: `client:${actor.clientId}`, actorName: `Client API ${actor.clientId}` };
    case 'system':
      return { actor: `system:${actor.name}`, actorName: `Hub (${actor.name})` };
  }
}
