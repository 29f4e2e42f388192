// What the act transmission workflow takes and the signals it listens to: shared by the workflow, the verbs that
// signal it and the mailbox poller.
import type { ReplyCode } from './messages.ts';

export const ACT_WORKFLOW_TYPE = 'actTransmissionWorkflow';

export interface ActTiming {
  /**
   * Length of the legality window, when a test wants it short; absent, the window runs until the Paris midnight
   * after its last legal day (two months after reception, see legality-window.ts).
   */
  windowMs?: number;
}

export interface ActWorkflowInput {
  actId: string;
  timing: ActTiming;
}

/** A message of the ministry for this act, as the poller matched it; `key` is its dedupe key (mail id + file). */
export type MinistrySignal =
  | { key: string; code: '1-2'; idActe: string; receivedOn: string }
  | { key: string; code: '1-3' | 'ANO'; reason: string }
  | { key: string; code: '2-1' | '3-1' | '4-1' | '5-1'; letterId: string }
  | { key: string; code: '6-2'; receivedOn: string }
  | { key: string; code: '3-5' | '4-5'; receivedOn: string };

export const MINISTRY_SIGNAL = 'ministryMessage';

/** The agent answered a letter (2-2, 3-3, 3-4, 4-3, 4-4) or asked to cancel (6-1). */
export type AgentSignal = { kind: 'reply'; letterId: string; code: ReplyCode } | { kind: 'cancel' };

export const AGENT_SIGNAL = 'agentRequest';

/** How the workflow ended. */
export interface ActWorkflowResult {
  status: string;
}

/** The workflow sending one 7-1 DemandeClassification; its argument is the request's id. */
export const CLASSIFICATION_REQUEST_WORKFLOW_TYPE = 'actClassificationRequestWorkflow';
export const classificationRequestWorkflowId = (requestId: string): string => `act-classification-${requestId}`;
