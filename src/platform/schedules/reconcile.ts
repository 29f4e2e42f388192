// Makes Temporal hold exactly the schedules the modules declare: missing ones created, changed ones updated (their
// paused state kept: an operator's pause survives a deploy), the hub's own schedules no longer declared deleted.
import { createHash } from 'node:crypto';
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type Client,
  type ScheduleDescription,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { Logger } from '../logging.ts';
import { checkDefinitions, type ScheduleDefinition } from './definition.ts';
import { scheduleSpecOf } from './spec.ts';

/** Memo of a schedule the hub manages (on the schedule) and fingerprint of its declaration (on its action). */
const OWNER = 'hub';
const FINGERPRINT = 'hubScheduleFingerprint';

export interface ReconcileReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

interface Desired {
  definition: ScheduleDefinition;
  spec: ScheduleSpec;
  action: ScheduleOptionsStartWorkflowAction<Workflow>;
  policies: { overlap: ScheduleDefinition['overlap']; catchupWindow: string };
  fingerprint: string;
}

function desiredOf(definition: ScheduleDefinition, taskQueue: string, currentYear: number): Desired {
  const spec = scheduleSpecOf(definition, currentYear);
  const args = definition.args ?? [];
  const policies = { overlap: definition.overlap, catchupWindow: definition.catchupWindow };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ workflowType: definition.workflowType, taskQueue, spec, args, policies }))
    .digest('hex');
  return {
    definition,
    spec,
    policies,
    fingerprint,
    action: {
      type: 'startWorkflow',
      workflowType: definition.workflowType,
      args,
      taskQueue,
      memo: { [FINGERPRINT]: fingerprint },
    },
  };
}

function fingerprintOf(description: ScheduleDescription): unknown {
  return description.action.type === 'startWorkflow' ? description.action.memo?.[FINGERPRINT] : undefined;
}

/**
 * Created by this code for this deployment's task queue: only those are deleted when no longer declared (several
 * hubs, or test runs, may share a Temporal namespace; schedules made by hand are never touched).
 */
function isOwnedHere(memo: Record<string, unknown> | undefined, taskQueue: string): boolean {
  return memo?.owner === OWNER && memo?.taskQueue === taskQueue;
}

export async function reconcileSchedules(
  client: Client,
  options: { taskQueue: string; logger: Logger; definitions: readonly ScheduleDefinition[]; now?: Date },
): Promise<ReconcileReport> {
  checkDefinitions(options.definitions);
  const year = Number(
    (options.now ?? new Date()).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }),
  );
  const report: ReconcileReport = { created: [], updated: [], unchanged: [], deleted: [] };
  for (const definition of options.definitions) {
    const desired = desiredOf(definition, options.taskQueue, year);
    const outcome = await apply(client, desired, options.taskQueue);
    report[outcome].push(definition.scheduleId);
  }

  const declared = new Set(options.definitions.map((d) => d.scheduleId));
  for await (const summary of client.schedule.list()) {
    if (declared.has(summary.scheduleId) || !isOwnedHere(summary.memo, options.taskQueue)) continue;
    try {
      await client.schedule.getHandle(summary.scheduleId).delete();
      report.deleted.push(summary.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  const changed = report.created.length + report.updated.length + report.deleted.length;
  if (changed > 0)
    options.logger.info(
      { created: report.created, updated: report.updated, deleted: report.deleted },
      'schedules reconciled',
    );
  return report;
}

async function apply(
  client: Client,
  desired: Desired,
  taskQueue: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const { definition } = desired;
  const handle = client.schedule.getHandle(definition.scheduleId);
  let current: ScheduleDescription | undefined;
  try {
    current = await handle.describe();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  if (!current) {
    try {
      await client.schedule.create({
        scheduleId: definition.scheduleId,
        spec: desired.spec,
        action: desired.action,
        policies: desired.policies,
        memo: { owner: OWNER, taskQueue, note: definition.note },
      });
      return 'created';
    } catch (error) {
      // Another hub process created it a moment ago: describe it again on the next start.
      if (error instanceof ScheduleAlreadyRunning) return 'unchanged';
      throw error;
    }
  }
  if (fingerprintOf(current) === desired.fingerprint) return 'unchanged';
  await handle.update((previous) => ({
    spec: desired.spec,
    action: desired.action,
    policies: { ...previous.policies, ...desired.policies },
    state: { paused: previous.state.paused, note: previous.state.note },
  }));
  return 'updated';
}
