// Names of the structures a person's grants name, for page headers (one query, whatever the number of ids).
import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { structures } from '../../../db/schema/directory.ts';
import { isUuid } from '../uuid.ts';

export interface StructureName {
  id: string;
  name: string;
}

/** The structures with these ids, in the order asked; unknown ids are left out. */
export async function structureNames(db: Db, ids: readonly string[]): Promise<StructureName[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ id: structures.id, name: structures.name })
    .from(structures)
    .where(inArray(structures.id, wanted));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return wanted.map((id) => byId.get(id)).filter((r): r is StructureName => r !== undefined);
}
