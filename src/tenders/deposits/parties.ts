// The names and SIRETs a receipt and the open data carry: a structure and its main establishment.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { establishments, structures } from '../../../db/schema/directory.ts';

export async function partyOf(
  db: Pick<Db, 'select'>,
  structureId: string,
): Promise<{ name: string; siret: string | null }> {
  const [row] = await db
    .select({ name: structures.name, siret: establishments.siret })
    .from(structures)
    .leftJoin(establishments, and(eq(establishments.structureId, structures.id), eq(establishments.main, true)))
    .where(eq(structures.id, structureId));
  return { name: row?.name ?? '', siret: row?.siret ?? null };
}
