// The SIRETs of a structure (IdColl must be one of them), and the structure owning a SIRET (PES_Retour).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { establishments } from '../../../db/schema/directory.ts';

export async function siretsOf(db: Db, structureId: string): Promise<string[]> {
  const rows = await db
    .select({ siret: establishments.siret })
    .from(establishments)
    .where(eq(establishments.structureId, structureId));
  return rows.map((r) => r.siret);
}

export async function structureOfSiret(db: Db, siret: string): Promise<string | undefined> {
  const [row] = await db
    .select({ structureId: establishments.structureId })
    .from(establishments)
    .where(and(eq(establishments.siret, siret), eq(establishments.active, true)));
  return row?.structureId;
}
