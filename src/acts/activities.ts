// The activities of the acts workflows: build and send the archive, apply the ministry's messages, acknowledge a
// 3-1 / 4-1 (3-2 / 4-2), send the agent's replies and cancellations, close the window, read the answers mailbox,
// relay the agent's requests whose signal or start did not reach Temporal.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { acts } from '../../db/schema/acts.ts';
import type { ActsDeps } from './deps.ts';
import type { ReplyCode } from './domain/messages.ts';
import type { MinistrySignal } from './domain/workflow-contract.ts';
import { readAnswerMails } from './mail/read-answers.ts';
import { applyMinistryMessage, closeLegalityWindow } from './transmission/apply-message.ts';
import { ArchiveRefused } from './transmission/build-archive.ts';
import { launchActWorkflow } from './transmission/launch.ts';
import { MinistryRefusal } from './transmission/ministry-client.ts';
import { sendClassificationRequest } from './transmission/send-classification-request.ts';
import { relayAgentRequests } from './requests/relay-requests.ts';
import { sendLetterAcknowledgement } from './transmission/send-acknowledgement.ts';
import { sendActArchive, sendCancellation, sendLetterReply } from './transmission/send.ts';

/** How often a send tells Temporal it is alive: a worker that dies mid-upload is noticed within the timeout. */
const HEARTBEAT_EVERY_MS = 5_000;

/**
 * A send to the ministry: heartbeats while it runs (an upload of 150 MiB takes minutes, a dead worker must not),
 * and a refusal that no retry will change stops the activity at once.
 */
async function final<T>(run: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await run();
  } catch (error) {
    if (error instanceof MinistryRefusal || error instanceof ArchiveRefused)
      throw ApplicationFailure.nonRetryable(error.message, error.constructor.name);
    throw error;
  } finally {
    clearInterval(beat);
  }
}

export function createActsActivities(deps: ActsDeps) {
  return {
    actSendArchive: (actId: string) => final(() => sendActArchive(deps, actId)),
    actApplyMinistryMessage: (actId: string, signal: MinistrySignal) => applyMinistryMessage(deps, actId, signal),
    actSendReply: (actId: string, letterId: string, code: ReplyCode) =>
      final(() => sendLetterReply(deps, actId, letterId, code)),
    actSendLetterAcknowledgement: (actId: string, letterId: string) =>
      final(() => sendLetterAcknowledgement(deps, actId, letterId)),
    actSendCancellation: (actId: string) => final(() => sendCancellation(deps, actId)),
    actCloseWindow: (actId: string) => closeLegalityWindow(deps, actId),
    actSendClassificationRequest: (requestId: string) => final(() => sendClassificationRequest(deps, requestId)),
    async actsReadMailbox() {
      const result = await readAnswerMails(deps);
      // The relay: an act whose workflow start failed after its creation, or after the sending of its draft (alone
      // or in a batch), is started here; a minute after it was queued, so that the caller's own start goes first.
      const waiting = await deps.db
        .select({ id: acts.id })
        .from(acts)
        .where(
          and(
            eq(acts.status, 'EN_ATTENTE_TRANSMISSION'),
            isNull(acts.sentAt),
            lt(
              sql`coalesce(${acts.submittedAt}, ${acts.createdAt})`,
              new Date(deps.clock.now().getTime() - 60_000).toISOString(),
            ),
          ),
        )
        .limit(100);
      for (const act of waiting) await launchActWorkflow(deps, act.id);
      return { ...result, relayed: waiting.length };
    },
    actsRelayRequests: () => relayAgentRequests(deps),
  };
}

export type ActsActivities = ReturnType<typeof createActsActivities>;
