// The life of one PES Aller, keyed by its flow id: prepared (invoices linked and embedded), its unsigned bordereaux
// signed by the hub when the ordonnateur asked (at deposit, or by « Signer » while it waits), named for the wire,
// sent with its routing commands (retries with backoff, then ERREUR and an alarm), then waiting for the treasury's
// acknowledgement, signalled by the returns poller; an alarm when none came within the delay.
import { ActivityFailure, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AccountingActivities } from '../src/accounting/activities.ts';
import {
  pesAcknowledged,
  pesSignRequested,
  pesTransmissionState,
  SIGNING_CLOSED_MESSAGE,
  type PesTransmissionInput,
} from '../src/accounting/domain/contract.ts';
import type { PesFlowStatus } from '../src/accounting/domain/statuses.ts';

const short = proxyActivities<AccountingActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

export async function pesTransmissionWorkflow(input: PesTransmissionInput): Promise<{ status: PesFlowStatus }> {
  const { flowId } = input;
  let status: PesFlowStatus = 'POSTE';
  let alarm = false;
  let returnId: string | undefined;
  setHandler(pesTransmissionState, () => ({ status, alarm }));
  setHandler(pesAcknowledged, (ack) => {
    returnId ??= ack.returnId;
  });
  let signRequests = 0;
  let signingOpen = true;
  setHandler(
    pesSignRequested,
    () => {
      signRequests += 1;
      return { accepted: true as const };
    },
    {
      validator: () => {
        if (!signingOpen) throw new Error(SIGNING_CLOSED_MESSAGE);
      },
    },
  );

  const prepared = await short.preparePesFlow(flowId);
  if (!prepared.ready) {
    signingOpen = false;
    return { status: (status = 'ERREUR') };
  }
  status = 'ATTENTE';
  // Histories recorded before the hub signed go on without the step (and refuse a request to sign).
  if (patched('pes-hub-signing')) {
    for (;;) {
      const seen = signRequests;
      const signing = await short.signPesFlow(flowId, seen > 0);
      if (signing.outcome === 'FAILED') {
        signingOpen = false;
        return { status: (status = 'ERREUR') };
      }
      // No usable certificate: wait, nothing sent, until the ordonnateur asks again (after setting one).
      if (signing.outcome === 'NO_IDENTITY') await condition(() => signRequests > seen);
      // A request that came while the step ran is honoured before going on.
      else if (signRequests === seen) break;
    }
  }
  signingOpen = false;
  await short.allocatePesWireName(flowId);

  const { uploadPesFlow } = proxyActivities<AccountingActivities>({
    startToCloseTimeout: '30 minutes',
    // The upload heartbeats: a worker that died sending is replaced within a minute (the retry sends nothing twice).
    heartbeatTimeout: '1 minute',
    retry: {
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: input.uploadAttempts,
    },
  });
  try {
    await uploadPesFlow(flowId);
  } catch (error) {
    const cause = error instanceof ActivityFailure ? (error.cause?.message ?? error.message) : String(error);
    await short.failPesTransmission(flowId, cause);
    return { status: (status = 'ERREUR') };
  }
  status = 'TRANSMIS';

  if (!(await condition(() => returnId !== undefined, input.ackAlarmMs))) {
    alarm = true;
    await short.raisePesAlarm(flowId);
    await condition(() => returnId !== undefined);
  }
  const applied = await short.applyPesAcknowledgement(flowId, returnId as string);
  status = applied.status as PesFlowStatus;
  return { status };
}
