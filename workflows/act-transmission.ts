// One act's life at the prefecture: send its archive once, wait for the acknowledgement (or an anomaly), then hold
// the two-month legality window, following the prefecture's letters and the agent's replies; a 3-1 request
// suspends the window and the reply to it restarts the two months. A 3-1 or 4-1 is acknowledged (3-2 / 4-2) as
// soon as it arrives, and always before the reply to it. An agent's request signalled twice (the request relay
// after a late confirmation, a repeated request) is taken once.
import { condition, defineSignal, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ActsActivities } from '../src/acts/activities.ts';
import { windowClosesAtMs } from '../src/acts/domain/legality-window.ts';
import {
  AGENT_SIGNAL,
  MINISTRY_SIGNAL,
  type ActWorkflowInput,
  type ActWorkflowResult,
  type AgentSignal,
  type MinistrySignal,
} from '../src/acts/domain/workflow-contract.ts';

const send = proxyActivities<ActsActivities>({
  startToCloseTimeout: '5 minutes',
  // The sends heartbeat (activities.ts): a worker killed mid-send is retried elsewhere within this, not 5 minutes.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
const record = proxyActivities<ActsActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const ministryMessage = defineSignal<[MinistrySignal]>(MINISTRY_SIGNAL);
export const agentRequest = defineSignal<[AgentSignal]>(AGENT_SIGNAL);

export async function actTransmissionWorkflow(input: ActWorkflowInput): Promise<ActWorkflowResult> {
  const { actId } = input;
  const inbox: MinistrySignal[] = [];
  const requests: AgentSignal[] = [];
  const seen = new Set<string>();
  setHandler(ministryMessage, (signal) => {
    if (seen.has(signal.key)) return;
    seen.add(signal.key);
    inbox.push(signal);
  });
  const asked = new Set<string>();
  setHandler(agentRequest, (request) => {
    const key = request.kind === 'reply' ? `reply:${request.letterId}` : 'cancel';
    if (patched('act-agent-request-dedupe')) {
      if (asked.has(key)) return;
      asked.add(key);
    }
    requests.push(request);
  });
  // Histories written before the acknowledgements were sent replay without them.
  const acknowledge = async (letterId: string) => {
    if (!patched('act-letter-acknowledgement')) return;
    try {
      await send.actSendLetterAcknowledgement(actId, letterId);
    } catch {
      // Refused for good by the ministry (4xx): the letter stays unacknowledged, the act's follow-up goes on.
    }
  };

  try {
    await send.actSendArchive(actId);
  } catch {
    // Refused for good (archive invalid, 4xx): the error is on the act, the workflow ends.
    return { status: 'ERREUR' };
  }

  // The acknowledgement, or an anomaly.
  let windowEndsOn: string | null;
  for (;;) {
    await condition(() => inbox.length > 0);
    const signal = inbox.shift()!;
    const applied = await record.actApplyMinistryMessage(actId, signal);
    if (signal.code === '1-3' || signal.code === 'ANO') return { status: 'ERREUR' };
    if (signal.code === '1-2') {
      windowEndsOn = applied.windowEndsOn;
      break;
    }
  }

  const deadlineOf = (endsOn: string | null) =>
    input.timing.windowMs !== undefined ? Date.now() + input.timing.windowMs : windowClosesAtMs(endsOn!);
  let deadline = deadlineOf(windowEndsOn);
  let suspended = false;
  for (;;) {
    const remaining = Math.max(0, deadline - Date.now());
    // Without a timeout, condition() resolves to nothing: a suspended window only wakes on a message.
    const woke = suspended
      ? (await condition(() => inbox.length > 0 || requests.length > 0), true)
      : await condition(() => inbox.length > 0 || requests.length > 0, remaining);
    if (!woke) {
      await record.actCloseWindow(actId);
      return { status: 'VALIDE' };
    }
    while (inbox.length > 0) {
      const signal = inbox.shift()!;
      await record.actApplyMinistryMessage(actId, signal);
      if (signal.code === '3-1' || signal.code === '4-1') await acknowledge(signal.letterId);
      if (signal.code === '3-1') suspended = true;
      if (signal.code === '5-1') return { status: 'DEFERE' };
      if (signal.code === '6-2') return { status: 'ANNULE' };
    }
    while (requests.length > 0) {
      const request = requests.shift()!;
      if (request.kind === 'cancel') {
        await send.actSendCancellation(actId);
        continue;
      }
      // The letter's 3-2 / 4-2 goes first even if the agent's reply came before the letter's signal (a no-op once sent).
      if (request.code !== '2-2') await acknowledge(request.letterId);
      const sent = await send.actSendReply(actId, request.letterId, request.code);
      if (sent.restarted) {
        suspended = false;
        deadline = deadlineOf(sent.windowEndsOn);
      }
    }
  }
}
