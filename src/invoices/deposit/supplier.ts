// The depositing supplier's identity, as the seller check and the workflow id need it (one query).
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { structures } from '../../../db/schema/directory.ts';

export interface SupplierIdentity {
  id: string;
  kind: (typeof structures.$inferSelect)['kind'];
  name: string;
  siren: string | null;
  vatNumber: string | null;
}

export async function supplierIdentity(db: Db, id: string): Promise<SupplierIdentity | null> {
  const [row] = await db
    .select({
      id: structures.id,
      kind: structures.kind,
      name: structures.name,
      siren: structures.siren,
      vatNumber: structures.vatNumber,
    })
    .from(structures)
    .where(eq(structures.id, id));
  return row ?? null;
}
