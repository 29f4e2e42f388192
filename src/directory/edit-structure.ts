// The operator corrects a structure: name, kind, EPCI nature, département, legal delay override, active or not.
// The delay in force is recomputed from the kind and the override, so invoice queries read the right number.
import type { VerbCall } from '../platform/verb.ts';
import { and, eq, ne } from 'drizzle-orm';
import { structures } from '../../db/schema/directory.ts';
import { requireOperator } from '../platform/auth/index.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';
import { isUuid } from '../platform/uuid.ts';
import { audited, changedByOf, diff, type DirectoryChange } from './audit.ts';
import { checkStructureFields, type StructureFieldsInput } from './structure-fields.ts';

export interface StructureEditInput extends StructureFieldsInput {
  /** An inactive structure receives no invoices (routing refuses it). */
  active: boolean;
}

type EditDeps = Pick<AppDeps, 'db' | 'clock' | 'logger'>;

/** Updates a structure's identity and delay (operators only); returns each field changed. */
export async function updateStructure({
  ctx,
  input: call,
}: VerbCall<EditDeps, { structureId: string; changes: StructureEditInput }>): Promise<DirectoryChange> {
  const { deps, actor: by } = ctx;
  const { structureId, changes: input } = call;
  const actor = requireOperator(by);
  if (!isUuid(structureId)) throw notFound('Structure');
  const fields = checkStructureFields(input);
  const at = deps.clock.now();
  const { change } = await audited(deps, actor, async (tx) => {
    const [row] = await tx
      .select({
        siren: structures.siren,
        kind: structures.kind,
        name: structures.name,
        epciNature: structures.epciNature,
        departementCode: structures.departementCode,
        paymentDelayOverrideDays: structures.paymentDelayOverrideDays,
        paymentDelayDays: structures.paymentDelayDays,
        active: structures.active,
      })
      .from(structures)
      .where(eq(structures.id, structureId))
      .for('update');
    if (!row) throw notFound('Structure');
    const { siren, ...before } = row;
    if (fields.kind !== before.kind && siren !== null) {
      const [twin] = await tx
        .select({ name: structures.name })
        .from(structures)
        .where(and(eq(structures.kind, fields.kind), eq(structures.siren, siren), ne(structures.id, structureId)));
      if (twin)
        throw invalidInput(`« ${twin.name} » porte déjà le SIREN ${siren} avec ce type : choisissez un autre type.`, {
          field: 'kind',
        });
    }
    const after = {
      kind: fields.kind,
      name: fields.name,
      epciNature: fields.epciNature,
      departementCode: fields.departementCode,
      paymentDelayOverrideDays: fields.paymentDelayOverrideDays,
      paymentDelayDays: fields.paymentDelayDays,
      active: input.active,
    };
    const changes = diff(before, after);
    if (changes.length > 0)
      await tx
        .update(structures)
        .set({ ...after, searchName: fields.searchName, updatedAt: at })
        .where(eq(structures.id, structureId));
    return {
      change: {
        action: 'structure_updated' as const,
        structureId,
        changedBy: changedByOf(actor),
        changedAt: at.toISOString(),
        changes,
      },
    };
  });
  return change;
}
