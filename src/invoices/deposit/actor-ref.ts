import type { Actor } from '../../platform/auth/index.ts';

/** How events and deposits name who acted: `person:<uuid>` or `client:<id>`, with a readable name. */
export function actorRef(actor: Actor): { actor: string; actorName: string } {
  return actor.kind === 'person'
    ? { actor: `person:${actor.personId}`, actorName: actor.displayName }
    : { actor: `client:${actor.clientId}`, actorName: `Client API ${actor.clientId}` };
}
