// Scheduled: for each structure connected to Chorus Pro, pull its invoices and statuses, then send back the
// decisions taken in the hub. One workflow per structure at a time (its id derives from the structure).
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ChorusActivities } from '../src/chorus/activities.ts';
import {
  CHORUS_NON_RETRYABLE,
  chorusPullWorkflowId,
  DEFAULT_CHORUS_TIMING,
  type ChorusPullInput,
  type ChorusTiming,
} from '../src/chorus/domain/workflow-contract.ts';

export async function chorusPullWorkflow(
  input: ChorusPullInput,
): Promise<{ seen: number; imported: number; sent: number }> {
  const timing = { ...DEFAULT_CHORUS_TIMING, ...input.timing };
  const { chorusPullStructure, chorusPushDecisions } = proxyActivities<ChorusActivities>({
    startToCloseTimeout: '30 minutes',
    retry: {
      initialInterval: timing.retryInitialMs,
      backoffCoefficient: 2,
      maximumInterval: timing.retryMaxMs,
      maximumAttempts: 5,
      nonRetryableErrorTypes: CHORUS_NON_RETRYABLE,
    },
  });
  const pulled = await chorusPullStructure(input.structureId);
  const pushed = await chorusPushDecisions(input.structureId);
  return { seen: pulled.seen, imported: pulled.imported, sent: pushed.sent };
}

const { chorusConnectedStructures } = proxyActivities<ChorusActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

export async function chorusPullAllWorkflow(
  input: { timing?: Partial<ChorusTiming> } = {},
): Promise<{ started: number }> {
  let started = 0;
  for (const structureId of await chorusConnectedStructures()) {
    try {
      await startChild(chorusPullWorkflow, {
        workflowId: chorusPullWorkflowId(structureId),
        args: [{ structureId, ...(input.timing ? { timing: input.timing } : {}) }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      started += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  return { started };
}
