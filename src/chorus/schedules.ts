// Recurring workflows of the Chorus Pro sync, in the shape of the hub's schedule list.
import type { ScheduleDefinition } from '../platform/schedules/index.ts';
import { CHORUS_OUTBOX_WORKFLOW_TYPE, CHORUS_PULL_ALL_WORKFLOW_TYPE } from './domain/workflow-contract.ts';

export const CHORUS_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: 'hub-chorus-outbox',
    workflowType: CHORUS_OUTBOX_WORKFLOW_TYPE,
    every: '5 minutes',
    catchupWindow: '5 minutes',
    overlap: 'SKIP',
    note: 'Envoi vers Chorus Pro des factures adressées aux structures qui y reçoivent leurs factures',
  },
  {
    scheduleId: 'hub-chorus-pull',
    workflowType: CHORUS_PULL_ALL_WORKFLOW_TYPE,
    every: '15 minutes',
    catchupWindow: '15 minutes',
    overlap: 'SKIP',
    note: 'Récupération depuis Chorus Pro des factures et statuts des structures raccordées, renvoi des décisions',
  },
];
