// Recurring workflows of the billing module: the yearly run on 1 January (Paris), the daily reminders.
import type { ScheduleDefinition } from '../platform/schedules/index.ts';
import { BILLING_REMINDERS_WORKFLOW_TYPE, BILLING_RUN_WORKFLOW_TYPE } from './domain/workflow-contract.ts';

export const BILLING_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: 'hub-billing-yearly-run',
    workflowType: BILLING_RUN_WORKFLOW_TYPE,
    calendars: [{ month: 'JANUARY', dayOfMonth: 1, hour: 6, minute: 0 }],
    args: [{}],
    // A run missed while Temporal was down still happens within the month; two runs of a year never overlap.
    catchupWindow: '30 days',
    overlap: 'SKIP',
    note: 'Campagne annuelle des contributions des membres (1er janvier), factures et titres de recettes',
  },
  {
    scheduleId: 'hub-billing-reminders',
    workflowType: BILLING_REMINDERS_WORKFLOW_TYPE,
    calendars: [{ hour: 8, minute: 30 }],
    catchupWindow: '1 day',
    overlap: 'SKIP',
    note: 'Rappels des contributions avant et après leur échéance aux comptables des membres',
  },
];
