// Recurring workflows of the acts module.
import type { ScheduleDefinition } from '../platform/schedules/index.ts';

/**
 * The answers mailbox read every `pollSeconds`; the agents' requests whose signal Temporal did not take relayed
 * every minute. A run still going when the next is due makes it skip.
 */
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
    {
      scheduleId: 'hub-acts-request-relay',
      workflowType: 'actsRequestRelayWorkflow',
      every: '1 minute',
      catchupWindow: '1 minute',
      overlap: 'SKIP',
      note: 'Transmission des demandes des agents (réponses, annulations, classification) restées sans suite',
    },
  ];
}
