// Recurring workflows of the acts module.
import type { ScheduleDefinition } from '../platform/schedules/index.ts';

/** The answers mailbox read every `pollSeconds`; a reading still running when the next is due makes it skip. */
export function actsSchedules(pollSeconds: number): ScheduleDefinition[] {
  return [
    {
      scheduleId: 'hub-acts-mailbox-poll',
      workflowType: 'actsMailboxPollWorkflow',
      every: `${pollSeconds} seconds`,
      catchupWindow: '1 minute',
      overlap: 'SKIP',
      note: 'Lecture des réponses du ministère (ACTES) et relance des transmissions restées en attente',
    },
  ];
}
