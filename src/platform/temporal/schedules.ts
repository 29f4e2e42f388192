import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from '../logging.ts';

export interface ScheduleDefinition {
  scheduleId: string;
  workflowType: string;
  every: string;
  note: string;
}

/** Recurring workflows of the platform itself; `src/schedules.ts` adds the modules' own. */
export const PLATFORM_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: 'hub-purge-expired-credentials',
    workflowType: 'purgeExpiredCredentialsWorkflow',
    every: '1 hour',
    note: 'Suppression des sessions terminées, jetons expirés et compteurs de connexion périmés',
  },
];

/** Creates each schedule once; an existing one is left as the operator may have changed it. */
export async function ensureSchedules(
  client: Client,
  taskQueue: string,
  logger: Logger,
  definitions: readonly ScheduleDefinition[],
): Promise<string[]> {
  const created: string[] = [];
  for (const definition of definitions) {
    try {
      await client.schedule.create({
        scheduleId: definition.scheduleId,
        spec: { intervals: [{ every: definition.every }] },
        action: { type: 'startWorkflow', workflowType: definition.workflowType, args: [], taskQueue },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
        memo: { note: definition.note },
      });
      created.push(definition.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
  if (created.length > 0) logger.info({ created }, 'schedules created');
  return created;
}
