// Every step of an act: an event row, an audit row and a notification to the agents of its structure, written in
// the caller's transaction. A step carrying a dedupe key (a ministry message: mail id + file) is written once.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { actEvents, actNotifications } from '../../db/schema/acts.ts';
import { roleGrants } from '../../db/schema/auth.ts';
import { recordAudit, type AuditActorRef } from '../platform/audit/index.ts';
import type { AuditActor } from '../platform/audit/index.ts';
import type { ActStatus } from './domain/statuses.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface ActStep {
  actId: string;
  structureId: string;
  /** snake_case: `created`, `sent`, `acknowledged`, `letter_received`, … (also the audit action `act.<kind>`). */
  kind: string;
  status: ActStatus;
  /** French, shown in the act's history and in the notification. */
  label: string;
  detail?: unknown;
  dedupeKey?: string;
  at: Date;
  actor: AuditActor | AuditActorRef;
  before?: unknown;
}

/** Writes the step; false when a step with the same dedupe key was already written (nothing else is then done). */
export async function recordActStep(tx: Tx | Db, step: ActStep): Promise<boolean> {
  const inserted = await tx
    .insert(actEvents)
    .values({
      actId: step.actId,
      kind: step.kind,
      status: step.status,
      label: step.label,
      detail: step.detail ?? null,
      dedupeKey: step.dedupeKey ?? null,
      at: step.at,
    })
    .onConflictDoNothing()
    .returning({ id: actEvents.id });
  if (inserted.length === 0) return false;
  await recordAudit(tx, {
    actor: step.actor,
    action: `act.${step.kind}`,
    subject: { type: 'act', id: step.actId },
    structureId: step.structureId,
    before: step.before ?? null,
    after: { status: step.status, label: step.label, detail: step.detail ?? null },
  });
  const agents = await tx
    .select({ personId: roleGrants.personId })
    .from(roleGrants)
    .where(and(eq(roleGrants.structureId, step.structureId), eq(roleGrants.role, 'agent')));
  if (agents.length > 0)
    await tx
      .insert(actNotifications)
      .values(
        agents.map((a) => ({ actId: step.actId, personId: a.personId, message: step.label, createdAt: step.at })),
      );
  return true;
}
