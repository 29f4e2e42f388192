// One hub invoice pushed to Chorus Pro: deposit (never twice), the flux report until final, then its status
// until Chorus says nothing more will change. Long waits continue as new.
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { ChorusActivities } from '../src/chorus/activities.ts';
import {
  CHORUS_NON_RETRYABLE,
  DEFAULT_CHORUS_TIMING,
  type ChorusPushInput,
} from '../src/chorus/domain/workflow-contract.ts';

export async function chorusPushInvoiceWorkflow(
  input: ChorusPushInput,
): Promise<{ state: string; remoteStatus: string | null }> {
  const timing = { ...DEFAULT_CHORUS_TIMING, ...input.timing };
  const { chorusPushInvoice, chorusPollPushedFlux, chorusFollowPushedStatus } = proxyActivities<ChorusActivities>({
    startToCloseTimeout: '10 minutes',
    retry: {
      initialInterval: timing.retryInitialMs,
      backoffCoefficient: 2,
      maximumInterval: timing.retryMaxMs,
      nonRetryableErrorTypes: CHORUS_NON_RETRYABLE,
    },
  });

  await chorusPushInvoice(input.invoiceId);
  for (;;) {
    const flux = await chorusPollPushedFlux(input.invoiceId);
    if (flux.final) {
      if (flux.state !== 'integrated') return { state: flux.state, remoteStatus: null };
      break;
    }
    await sleep(timing.fluxPollMs);
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof chorusPushInvoiceWorkflow>(input);
  }
  for (;;) {
    const followed = await chorusFollowPushedStatus(input.invoiceId);
    if (followed.terminal) return { state: 'integrated', remoteStatus: followed.status };
    await sleep(timing.statusPollMs);
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof chorusPushInvoiceWorkflow>(input);
  }
}
