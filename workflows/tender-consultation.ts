// One consultation, from publication to the end of the standstill. The deposit window is closed by Temporal
// timers at each lot's deadline, to the second: a worker down at that moment changes nothing, the timer fires when
// one is back and the lots close then (deposits are judged by their own upload end, never by this timer).
import { condition, proxyActivities, setHandler, defineSignal } from '@temporalio/workflow';
import type { TenderActivities } from '../src/tenders/activities.ts';
import {
  AWARDED_SIGNAL,
  DEADLINES_CHANGED_SIGNAL,
  type TenderWorkflowInput,
} from '../src/tenders/domain/workflow-contract.ts';

const { readTenderSchedule, closeDueTenderLots, endTenderStandstill } = proxyActivities<TenderActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const deadlinesChanged = defineSignal(DEADLINES_CHANGED_SIGNAL);
const awarded = defineSignal(AWARDED_SIGNAL);

export async function tenderConsultationWorkflow(input: TenderWorkflowInput): Promise<void> {
  let changed = false;
  let awardedSeen = false;
  setHandler(deadlinesChanged, () => {
    changed = true;
  });
  setHandler(awarded, () => {
    awardedSeen = true;
  });

  // The deposit window, lot by lot.
  let schedule = await readTenderSchedule(input.consultationId);
  while (schedule.openDeadlines.length > 0) {
    const next = schedule.openDeadlines[0] as number;
    changed = false;
    const wait = Math.max(0, next - Date.now());
    const interrupted = wait > 0 && (await condition(() => changed, wait));
    if (!interrupted) await closeDueTenderLots(input.consultationId);
    schedule = await readTenderSchedule(input.consultationId);
  }

  // Opening, analysis and award happen through the buyer's verbs; the last award signals here.
  while (schedule.standstillEndsAt === null) {
    awardedSeen = false;
    await condition(() => awardedSeen);
    schedule = await readTenderSchedule(input.consultationId);
  }
  const standstill = schedule.standstillEndsAt - Date.now();
  if (standstill > 0) await condition(() => false, standstill);
  await endTenderStandstill(input.consultationId);
}
