// Activities of the consultation workflow, built from the hub's dependencies.
import type { TenderDeps } from './settings.ts';
import { closeDueLots, endStandstill, readSchedule } from './workflow/schedule.ts';

export function createTenderActivities(deps: Pick<TenderDeps, 'db' | 'clock'>) {
  return {
    readTenderSchedule: (consultationId: string) => readSchedule(deps, consultationId),
    closeDueTenderLots: (consultationId: string) => closeDueLots(deps, consultationId),
    endTenderStandstill: (consultationId: string) => endStandstill(deps, consultationId),
  };
}

export type TenderActivities = ReturnType<typeof createTenderActivities>;
