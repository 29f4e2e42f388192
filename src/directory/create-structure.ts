// The operator adds a structure to the directory: identity, kind, legal delay, and its main establishment (SIRET).
import type { VerbCall } from '../platform/verb.ts';
import { and, eq } from 'drizzle-orm';
import { establishments, structures } from '../../db/schema/directory.ts';
import { requireOperator } from '../platform/auth/index.ts';
import { invalidInput } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';
import { audited, changedByOf, created, type DirectoryChange } from './audit.ts';
import { frenchVatNumber } from './identifiers.ts';
import { checkSiret, checkStructureFields, type StructureFieldsInput } from './structure-fields.ts';

export interface NewStructureInput extends StructureFieldsInput {
  /** SIRET of the main establishment; the SIREN is its first 9 digits. */
  siret: string;
}

type EditDeps = Pick<AppDeps, 'db' | 'clock' | 'logger'>;

/** Creates a structure with its main establishment (operators only); refuses a SIRET or SIREN already held. */
export async function createStructure({ ctx, input }: VerbCall<EditDeps, NewStructureInput>): Promise<DirectoryChange> {
  const { deps, actor: by } = ctx;
  const actor = requireOperator(by);
  const fields = checkStructureFields(input);
  const siret = checkSiret(input.siret);
  const siren = siret.slice(0, 9);
  const at = deps.clock.now();
  const { change } = await audited(deps, actor, async (tx) => {
    const [siretOwner] = await tx
      .select({ name: structures.name })
      .from(establishments)
      .innerJoin(structures, eq(structures.id, establishments.structureId))
      .where(eq(establishments.siret, siret));
    if (siretOwner)
      throw invalidInput(`Le SIRET ${siret} est déjà celui de « ${siretOwner.name} » dans l’annuaire.`, {
        field: 'siret',
      });
    const [sirenOwner] = await tx
      .select({ name: structures.name })
      .from(structures)
      .where(and(eq(structures.kind, fields.kind), eq(structures.siren, siren)));
    if (sirenOwner)
      throw invalidInput(
        `Le SIREN ${siren} est déjà celui de « ${sirenOwner.name} », du même type, dans l’annuaire : ajoutez-y l’établissement plutôt qu’une nouvelle structure.`,
        { field: 'siret' },
      );
    const values = {
      kind: fields.kind,
      name: fields.name,
      siren,
      vatNumber: fields.kind === 'supplier' ? frenchVatNumber(siren) : null,
      departementCode: fields.departementCode,
      epciNature: fields.epciNature,
      paymentDelayDays: fields.paymentDelayDays,
      paymentDelayOverrideDays: fields.paymentDelayOverrideDays,
    };
    const [row] = await tx
      .insert(structures)
      .values({ ...values, searchName: fields.searchName, createdAt: at, updatedAt: at })
      .returning({ id: structures.id });
    const structureId = row!.id;
    // Typed by the operator from the register, hence not derived.
    await tx
      .insert(establishments)
      .values({ structureId, siret, main: true, derived: false, label: 'Siège', createdAt: at, updatedAt: at });
    return {
      change: {
        action: 'structure_created' as const,
        structureId,
        changedBy: changedByOf(actor),
        changedAt: at.toISOString(),
        changes: created({ ...values, siret }),
      },
    };
  });
  return change;
}
