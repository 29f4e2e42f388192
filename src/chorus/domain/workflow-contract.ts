// Inputs and ids of the Chorus Pro sync workflows, shared by the workflows and the hub.

export const CHORUS_PUSH_WORKFLOW_TYPE = 'chorusPushInvoiceWorkflow';
export const CHORUS_OUTBOX_WORKFLOW_TYPE = 'chorusOutboxWorkflow';
export const CHORUS_PULL_WORKFLOW_TYPE = 'chorusPullWorkflow';
export const CHORUS_PULL_ALL_WORKFLOW_TYPE = 'chorusPullAllWorkflow';

export const chorusPushWorkflowId = (invoiceId: string): string => `chorus-push/${invoiceId}`;
export const chorusPullWorkflowId = (structureId: string): string => `chorus-pull/${structureId}`;

/** Delays are inputs: minutes in production, milliseconds in tests. */
export interface ChorusTiming {
  /** Between two reads of the flux report. */
  fluxPollMs: number;
  /** Between two reads of the invoice's status on Chorus Pro. */
  statusPollMs: number;
  /** First retry of a failed activity; doubles up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
}

export const DEFAULT_CHORUS_TIMING: ChorusTiming = {
  fluxPollMs: 5 * 60_000,
  statusPollMs: 6 * 60 * 60_000,
  retryInitialMs: 10_000,
  retryMaxMs: 30 * 60_000,
};

export interface ChorusPushInput {
  invoiceId: string;
  timing?: Partial<ChorusTiming>;
}

export interface ChorusPullInput {
  structureId: string;
  timing?: Partial<ChorusTiming>;
}

/** Activity failures that retrying cannot fix. */
export const CHORUS_NON_RETRYABLE = ['CHORUS_REFUSED', 'CHORUS_NOT_CONFIGURED', 'CHORUS_NOT_CONNECTED'];
