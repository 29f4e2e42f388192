import { BILLING_SCHEDULES } from './billing/index.ts';
import { CHORUS_SCHEDULES } from './chorus/index.ts';
import { INVOICE_SCHEDULES } from './invoices/index.ts';
import { ACCOUNTING_SCHEDULES } from './accounting/index.ts';
import { PLATFORM_SCHEDULES, type ScheduleDefinition } from './platform/schedules/index.ts';

/** Every recurring workflow of the hub, created at start when missing. */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  ...PLATFORM_SCHEDULES,
  ...INVOICE_SCHEDULES,
  ...CHORUS_SCHEDULES,
  ...BILLING_SCHEDULES,
  ...ACCOUNTING_SCHEDULES,
];
