// Recurring workflows of the accounting module.
import type { ScheduleDefinition } from '../platform/schedules/index.ts';

export const RETURNS_POLL_SCHEDULE_ID = 'hub-pes-returns-poll';

export const ACCOUNTING_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: RETURNS_POLL_SCHEDULE_ID,
    workflowType: 'pesReturnsPollWorkflow',
    // S²LOW waits at least 4 minutes between two readings of the DGFiP folder.
    every: '4 minutes',
    catchupWindow: '4 minutes',
    overlap: 'SKIP',
    note: 'Lecture des acquittements et retours du Trésor (Hélios), démarrage des flux PES restés postés',
  },
];
