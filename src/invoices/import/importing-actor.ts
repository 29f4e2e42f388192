// Who a bulk import deposits for and as: the supplier structure (SIRET, SIREN or id) and one of its supplier users.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { findStructureBySiren, findStructureBySiret, getStructure } from '../../directory/index.ts';
import { findPersonByEmail, personActor, type PersonActor } from '../../platform/auth/index.ts';

export interface ImportingSupplier {
  id: string;
  name: string;
  siren: string | null;
}

/** The supplier or its user cannot be found; the message is French, for the user. */
export class ImportSetupError extends Error {
  override readonly name = 'ImportSetupError';
}

/** The supplier structure named by a SIRET (14 digits), a SIREN (9 digits) or its id. */
export async function findImportingSupplier(db: Db, reference: string): Promise<ImportingSupplier> {
  const compact = reference.replace(/\s+/g, '');
  const found = /^[0-9]{14}$/.test(compact)
    ? await findStructureBySiret(db, compact)
    : /^[0-9]{9}$/.test(compact)
      ? await findStructureBySiren(db, compact, 'supplier')
      : await getStructure(db, reference);
  if (!found)
    throw new ImportSetupError(
      `Aucun fournisseur ne correspond à « ${reference} » (SIRET, SIREN ou identifiant attendu).`,
    );
  if (found.kind !== 'supplier')
    throw new ImportSetupError(`« ${reference} » désigne ${found.name}, qui n’est pas un fournisseur.`);
  return { id: found.id, name: found.name, siren: found.siren };
}

/** The person named by `email`, or else the first person given the supplier role for this structure. */
export async function findImportingPerson(
  db: Db,
  supplier: ImportingSupplier,
  email: string | undefined,
): Promise<PersonActor> {
  if (email !== undefined) {
    const person = await findPersonByEmail({ db }, email);
    if (!person || !person.active) throw new ImportSetupError(`Aucun utilisateur actif n’a l’adresse ${email}.`);
    const actor = await personActor({ db }, person);
    if (!actor.grants.some((g) => g.role === 'supplier' && g.structureId === supplier.id)) {
      throw new ImportSetupError(
        `${person.displayName} (${person.email}) n’a pas le rôle fournisseur pour ${supplier.name}.`,
      );
    }
    return actor;
  }
  const [first] = await db
    .select({ id: people.id, email: people.email, displayName: people.displayName })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(eq(roleGrants.structureId, supplier.id), eq(roleGrants.role, 'supplier'), eq(people.active, true)))
    .orderBy(asc(roleGrants.createdAt), asc(people.email))
    .limit(1);
  if (!first)
    throw new ImportSetupError(
      `${supplier.name} n’a aucun utilisateur fournisseur actif : créez-en un, ou indiquez-en un avec --as.`,
    );
  return personActor({ db }, first);
}
