// Operator edits of the directory: a structure's Chorus Pro routing rules and its services. Each edit is
// checked here (operators only), made in one transaction, and returned as a change record that is also logged,
// so nothing changes silently.
import { and, eq } from 'drizzle-orm';
import { services, structures } from '../../db/schema/directory.ts';
import { requireOperator, type Actor } from '../platform/auth/index.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';
import type { ChorusRouting, ServiceInfo } from './types.ts';
import { isUuid } from '../platform/uuid.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What an edit did: who, when, on what, and each field's value before and after (empty when nothing changed). */
export interface DirectoryChange {
  action: 'chorus_routing_updated' | 'service_created' | 'service_updated';
  structureId: string;
  serviceId?: string;
  changedBy: string;
  changedAt: string;
  changes: FieldChange[];
}

type EditDeps = Pick<AppDeps, 'db' | 'clock' | 'logger'>;

const changedByOf = (actor: Actor): string =>
  actor.kind === 'person'
    ? `person:${actor.personId}`
    : actor.kind === 'client'
      ? `client:${actor.clientId}`
      : `system:${actor.name}`;

function diff<T extends object>(before: T, after: T): FieldChange[] {
  return (Object.keys(after) as (keyof T & string)[])
    .filter((k) => before[k] !== after[k])
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function record(deps: EditDeps, change: DirectoryChange): DirectoryChange {
  if (change.changes.length > 0) deps.logger.info({ audit: change }, `directory: ${change.action}`);
  return change;
}

/** Sets the Chorus Pro routing rules of a structure (operators only). */
export async function updateChorusRouting(
  deps: EditDeps,
  by: Actor | undefined,
  structureId: string,
  input: ChorusRouting,
): Promise<DirectoryChange> {
  const actor = requireOperator(by);
  if (!isUuid(structureId)) throw notFound('Structure');
  const at = deps.clock.now();
  const changes = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        serviceCodeRequired: structures.serviceCodeRequired,
        engagementNumberRequired: structures.engagementNumberRequired,
        serviceCodeOrEngagementRequired: structures.serviceCodeOrEngagementRequired,
        receivesThroughChorus: structures.receivesThroughChorus,
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
    };
    const found = diff(row, after);
    if (found.length > 0)
      await tx
        .update(structures)
        .set({ ...after, updatedAt: at })
        .where(eq(structures.id, structureId));
    return found;
  });
  return record(deps, {
    action: 'chorus_routing_updated',
    structureId,
    changedBy: changedByOf(actor),
    changedAt: at.toISOString(),
    changes,
  });
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
    throw invalidInput('Le code du service comporte de 1 à 100 lettres, chiffres, tirets ou soulignés (ex. FIN).');
  if (label === '' || label.length > 200)
    throw invalidInput('Le libellé du service est obligatoire (200 caractères au plus).');
  return { code, label, active: input.active, engagementNumberRequired: input.engagementNumberRequired };
}

/** Creates a service of a structure, or updates the one with the same code (operators only). */
export async function saveService(
  deps: EditDeps,
  by: Actor | undefined,
  structureId: string,
  input: ServiceInput,
): Promise<DirectoryChange> {
  const actor = requireOperator(by);
  if (!isUuid(structureId)) throw notFound('Structure');
  const wanted = checkService(input);
  const at = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
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
    if (!existing) {
      const [created] = await tx
        .insert(services)
        .values({ structureId, ...wanted, createdAt: at, updatedAt: at })
        .returning({ id: services.id });
      const changes = Object.entries(wanted).map(([field, after]) => ({ field, before: null, after }));
      return { action: 'service_created' as const, serviceId: created!.id, changes };
    }
    const { id, ...before } = existing satisfies ServiceInfo;
    const changes = diff(before, wanted);
    if (changes.length > 0)
      await tx
        .update(services)
        .set({ ...wanted, updatedAt: at })
        .where(eq(services.id, id));
    return { action: 'service_updated' as const, serviceId: id, changes };
  });
  return record(deps, { ...outcome, structureId, changedBy: changedByOf(actor), changedAt: at.toISOString() });
}
