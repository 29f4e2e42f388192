import { inArray } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import type { ActsDeps } from '../deps.ts';

/** The structures an act may be created for, with their SIREN (the form's choice when there are several). */
export async function structuresWithSiren(deps: ActsDeps, ids: string[]) {
  if (ids.length === 0) return [];
  return deps.db
    .select({ id: structures.id, name: structures.name, siren: structures.siren })
    .from(structures)
    .where(inArray(structures.id, ids))
    .orderBy(structures.name);
}
