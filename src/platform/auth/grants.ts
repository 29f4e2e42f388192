import { asc, eq } from 'drizzle-orm';
import { roleGrants, type authRoles } from '../../../db/schema/auth.ts';
import type { Role, RoleGrant } from './actor.ts';
import type { AuthDeps } from './deps.ts';

// The database enum and the application's roles must list the same values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatch: Same<Role, (typeof authRoles)[number]> = true;
void rolesMatch;

/** The roles a person holds, with the structure each is held for. */
export async function grantsFor(deps: Pick<AuthDeps, 'db'>, personId: string): Promise<RoleGrant[]> {
  return deps.db
    .select({ role: roleGrants.role, structureId: roleGrants.structureId })
    .from(roleGrants)
    .where(eq(roleGrants.personId, personId))
    .orderBy(asc(roleGrants.role), asc(roleGrants.structureId));
}

/** Gives a person a role for a structure; granting it twice changes nothing. */
export async function grantRole(deps: Pick<AuthDeps, 'db'>, personId: string, grant: RoleGrant): Promise<void> {
  await deps.db
    .insert(roleGrants)
    .values({ personId, role: grant.role, structureId: grant.structureId })
    .onConflictDoNothing({ target: [roleGrants.personId, roleGrants.role, roleGrants.structureId] });
}
