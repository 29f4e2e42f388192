import { forbidden, unauthenticated } from '../errors.ts';
import type { Actor, Role } from './actor.ts';

/*
 * What other modules' verbs call. Predicates answer; `require*` throw (401 when nobody is logged in,
 * 403 otherwise). Operators see everything but act for no one: reading verbs check `isOperator`
 * explicitly, and a grant is never implied by being an operator.
 */

/** True when the actor holds `role`, for `structureId` if given, for any structure otherwise. */
export function hasRole(actor: Actor | undefined, role: Role, structureId?: string): boolean {
  return (
    actor !== undefined &&
    actor.grants.some((g) => g.role === role && (structureId === undefined || g.structureId === structureId))
  );
}

/** True when the actor holds any role for this structure. */
export function actsFor(actor: Actor | undefined, structureId: string): boolean {
  return actor !== undefined && actor.grants.some((g) => g.structureId === structureId);
}

/** Operators, and system jobs given `readsAll`, see everything (and act for no one by it). */
export function isOperator(actor: Actor | undefined): boolean {
  return hasRole(actor, 'operator') || (actor?.kind === 'system' && actor.readsAll === true);
}

/** The structures the actor holds `role` for, e.g. to filter a listing. */
export function structuresWithRole(actor: Actor | undefined, role: Role): string[] {
  if (!actor) return [];
  return [...new Set(actor.grants.filter((g) => g.role === role).map((g) => g.structureId))];
}

export function requireActorPresent(actor: Actor | undefined): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

export function requireRole(actor: Actor | undefined, role: Role, structureId?: string): Actor {
  const present = requireActorPresent(actor);
  if (!hasRole(present, role, structureId)) throw forbidden();
  return present;
}

export function requireActsFor(actor: Actor | undefined, structureId: string): Actor {
  const present = requireActorPresent(actor);
  if (!actsFor(present, structureId)) throw forbidden();
  return present;
}

export function requireOperator(actor: Actor | undefined): Actor {
  return requireRole(actor, 'operator');
}
