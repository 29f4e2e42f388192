// Recurring jobs for every module: declared as data (definition.ts), held by Temporal (reconcile.ts).
export { checkDefinitions, HUB_TIME_ZONE, type ScheduleDefinition } from './definition.ts';
export { holidaySkips, HOLIDAY_YEARS_AHEAD, scheduleSpecOf } from './spec.ts';
export { reconcileSchedules, type ReconcileReport } from './reconcile.ts';
export { PLATFORM_SCHEDULES } from './platform-schedules.ts';
