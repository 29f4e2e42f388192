// The syndicat as the issuer of the contributions: its structure in the directory, main SIRET, seat, e-mail.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { establishments, structures } from '../../../db/schema/directory.ts';
import { HUB_SYNDICAT } from '../../directory/index.ts';
import { SYNDICAT_ADDRESS, type Issuer } from '../domain/contribution-invoice.ts';

export async function syndicatIssuer(db: Db): Promise<Issuer & { structureId: string }> {
  const [row] = await db
    .select({ id: structures.id, name: structures.name, siren: structures.siren, siret: establishments.siret })
    .from(structures)
    .leftJoin(
      establishments,
      and(
        eq(establishments.structureId, structures.id),
        eq(establishments.main, true),
        eq(establishments.active, true),
      ),
    )
    .where(and(eq(structures.kind, 'syndicat'), eq(structures.siren, HUB_SYNDICAT.siren)));
  if (!row) throw new Error(`the syndicat (SIREN ${HUB_SYNDICAT.siren}) is missing from the directory: seed it first`);
  return {
    structureId: row.id,
    name: row.name,
    siren: row.siren ?? HUB_SYNDICAT.siren,
    siret: row.siret ?? HUB_SYNDICAT.siret,
    ...SYNDICAT_ADDRESS,
  };
}
