// Who is looking at a page: the person's name, roles and the structures they act for, named.
import type { Context } from 'hono';
import { structureNames, type Actor, type Role } from '../platform/auth/index.ts';
import type { AppEnv } from '../platform/http.ts';

export interface ViewerStructure {
  id: string;
  name: string;
  roles: Role[];
}

export interface Viewer {
  actor: Actor & { kind: 'person' };
  name: string;
  roles: Role[];
  structures: ViewerStructure[];
  csrfToken: string;
}

export async function loadViewer(c: Context<AppEnv>, actor: Actor & { kind: 'person' }): Promise<Viewer> {
  const names = await structureNames(
    c.get('deps').db,
    actor.grants.map((g) => g.structureId),
  );
  const structures = names.map((s) => ({
    id: s.id,
    name: s.name,
    roles: actor.grants.filter((g) => g.structureId === s.id).map((g) => g.role),
  }));
  return {
    actor,
    name: actor.displayName,
    roles: [...new Set(actor.grants.map((g) => g.role))],
    structures,
    csrfToken: c.get('authSession')?.csrfToken ?? '',
  };
}

export const hasRoleIn = (viewer: Viewer, role: Role): boolean => viewer.roles.includes(role);

/** Structures the viewer holds `role` for. */
export const structuresAs = (viewer: Viewer, role: Role): ViewerStructure[] =>
  viewer.structures.filter((s) => s.roles.includes(role));
