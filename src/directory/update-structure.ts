// Operator edits of the directory: a structure's Chorus Pro routing rules and its services. Each edit is
// checked here (operators only), made in one transaction with its audit row, and returned as a change record.
import type { VerbCall } from '../platform/verb.ts';
import { and, eq } from 'drizzle-orm';
import { services, structures } from '../../db/schema/directory.ts';
import { requireOperator } from '../platform/auth/index.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';
import { isUuid } from '../platform/uuid.ts';
import { audited, changedByOf, created, diff, type DirectoryChange } from './audit.ts';
import type { ChorusRouting, ServiceInfo } from './types.ts';

export type { DirectoryChange, FieldChange } from './audit.ts';

type EditDeps = Pick<AppDeps, 'db' | 'clock' | 'logger'>;

/** Sets the Chorus Pro routing rules of a structure (operators only). */
export async function updateChorusRouting({
  ctx,
  input: call,
}: VerbCall<EditDeps, { structureId: string; changes: ChorusRouting }>): Promise<DirectoryChange> {
  const { deps, actor: by } = ctx;
  const { structureId, changes: input } = call;
  const actor = requireOperator(by);
  if (!isUuid(structureId)) throw notFound('Structure');
  const at = deps.clock.now();
  const { change } = await audited(deps, actor, async (tx) => {
    const [row] = await tx
      .select({
        serviceCodeRequired: structures.serviceCodeRequired,
        engagementNumberRequired: structures.engagementNumberRequired,
        serviceCodeOrEngagementRequired: structures.serviceCodeOrEngagementRequired,
        receivesThroughChorus: structures.receivesThroughChorus,
        strictReformRules: structures.strictReformRules,
      })
      .from(structures)
      .where(eq(structures.id, structureId))
      .for('update');
    if (!row) throw notFound('Structure');
    const after: ChorusRouting = {
      serviceCodeRequired: input.serviceCodeRequired,
      engagementNumberRequired: input.engagementNumberRequired,
      serviceCodeOrEngagementRequired: input.serviceCodeOrEngagementRequired,
      receivesThroughChorus: input.receivesThroughChorus,
      strictReformRules: input.strictReformRules,
    };
    const changes = diff(row, after);
    if (changes.length > 0)
      await tx
        .update(structures)
        .set({ ...after, updatedAt: at })
        .where(eq(structures.id, structureId));
    return {
      change: {
        action: 'chorus_routing_updated' as const,
        structureId,
        changedBy: changedByOf(actor),
        changedAt: at.toISOString(),
        changes,
      },
    };
  });
  return change;
}

export interface ServiceInput {
  code: string;
  label: string;
  active: boolean;
  engagementNumberRequired: boolean;
}

const SERVICE_CODE = /^[A-Za-z0-9_-]{1,100}$/;

function checkService(input: ServiceInput): ServiceInput {
  const code = input.code.trim().toUpperCase();
  const label = input.label.trim();
  if (!SERVICE_CODE.test(code))
    throw invalidInput('Le code du service comporte de 1 à 100 lettres, chiffres, tirets ou soulignés (ex. FIN).', {
      field: 'code',
    });
  if (label === '' || label.length > 200)
    throw invalidInput('Le libellé du service est obligatoire (200 caractères au plus).', { field: 'label' });
  return { code, label, active: input.active, engagementNumberRequired: input.engagementNumberRequired };
}

/**
 * Creates a service of a structure, or updates the one with the same code (operators only). A service is never
 * deleted (invoices name it): it is deactivated with `active: false`, and routing then refuses it.
 */
export async function saveService({
  ctx,
  input: call,
}: VerbCall<EditDeps, { structureId: string; changes: ServiceInput }>): Promise<DirectoryChange> {
  const { deps, actor: by } = ctx;
  const { structureId, changes: input } = call;
  const actor = requireOperator(by);
  if (!isUuid(structureId)) throw notFound('Structure');
  const wanted = checkService(input);
  const at = deps.clock.now();
  const { change } = await audited(deps, actor, async (tx) => {
    const [structure] = await tx.select({ id: structures.id }).from(structures).where(eq(structures.id, structureId));
    if (!structure) throw notFound('Structure');
    const [existing] = await tx
      .select({
        id: services.id,
        code: services.code,
        label: services.label,
        active: services.active,
        engagementNumberRequired: services.engagementNumberRequired,
      })
      .from(services)
      .where(and(eq(services.structureId, structureId), eq(services.code, wanted.code)))
      .for('update');
    const base = { structureId, changedBy: changedByOf(actor), changedAt: at.toISOString() };
    if (!existing) {
      const [row] = await tx
        .insert(services)
        .values({ structureId, ...wanted, createdAt: at, updatedAt: at })
        .returning({ id: services.id });
      return {
        change: { ...base, action: 'service_created' as const, serviceId: row!.id, changes: created({ ...wanted }) },
      };
    }
    const { id, ...before } = existing satisfies ServiceInfo;
    const changes = diff(before, wanted);
    if (changes.length > 0)
      await tx
        .update(services)
        .set({ ...wanted, updatedAt: at })
        .where(eq(services.id, id));
    return { change: { ...base, action: 'service_updated' as const, serviceId: id, changes } };
  });
  return change;
}
