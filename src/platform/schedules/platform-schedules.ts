// Recurring workflows of the platform itself; `src/schedules.ts` adds the modules' own.
import type { ScheduleDefinition } from './definition.ts';

export const PLATFORM_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: 'hub-purge-expired-credentials',
    workflowType: 'purgeExpiredCredentialsWorkflow',
    every: '1 hour',
    catchupWindow: '1 hour',
    overlap: 'SKIP',
    note: 'Suppression des sessions terminées, jetons expirés et compteurs de connexion périmés',
  },
];
