// A supplier company seen from its self-registration: the company a SIRET names in the directory, and its creation
// (structure and main establishment) inside the caller's transaction, when its first user confirms their e-mail.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { establishments, structures } from '../../db/schema/directory.ts';
import { frenchVatNumber } from './identifiers.ts';
import { normalizeForSearch } from './normalize.ts';
import { DEFAULT_PAYMENT_DELAY_DAYS } from './domain/payment-delay.ts';

type Reader = Pick<Db, 'select'>;
type Writer = Pick<Db, 'select' | 'insert'>;

export interface SupplierCompany {
  id: string;
  name: string;
}

/** The supplier structure whose establishment or SIREN this SIRET is; undefined when the directory has none. */
export async function supplierCompanyOf(db: Reader, siret: string): Promise<SupplierCompany | undefined> {
  const [byEstablishment] = await db
    .select({ id: structures.id, name: structures.name })
    .from(establishments)
    .innerJoin(structures, eq(structures.id, establishments.structureId))
    .where(and(eq(establishments.siret, siret), eq(structures.kind, 'supplier')));
  if (byEstablishment) return byEstablishment;
  const [bySiren] = await db
    .select({ id: structures.id, name: structures.name })
    .from(structures)
    .where(and(eq(structures.siren, siret.slice(0, 9)), eq(structures.kind, 'supplier')));
  return bySiren;
}

/** Creates the company with this SIRET as its head office, typed by its first user (hence not derived). */
export async function insertSupplierCompany(
  tx: Writer,
  input: { siret: string; name: string; at: Date },
): Promise<SupplierCompany> {
  const siren = input.siret.slice(0, 9);
  const [row] = await tx
    .insert(structures)
    .values({
      kind: 'supplier',
      name: input.name,
      searchName: normalizeForSearch(input.name),
      siren,
      vatNumber: frenchVatNumber(siren),
      paymentDelayDays: DEFAULT_PAYMENT_DELAY_DAYS,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .returning({ id: structures.id, name: structures.name });
  await tx.insert(establishments).values({
    structureId: row!.id,
    siret: input.siret,
    main: true,
    derived: false,
    label: 'Siège',
    createdAt: input.at,
    updatedAt: input.at,
  });
  return row!;
}
