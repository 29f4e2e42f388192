// What the hub and the worker agree on about the transmission workflow: its type name, id, input and signals.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PesFlowStatus } from './statuses.ts';

export const PES_TRANSMISSION_WORKFLOW_TYPE = 'pesTransmissionWorkflow';
export const PES_RETURNS_POLL_WORKFLOW_TYPE = 'pesReturnsPollWorkflow';

/**
 * One workflow per recorded flow, keyed by the flow's id: a second start finds the first. Not by NomFic: the
 * database's unique index already holds one accepted flow per NomFic and structure, and a NomFic-keyed id would
 * join the workflow of another database's flow on a shared Temporal server (seen between two hubs' test runs).
 */
export const pesWorkflowId = (flowId: string): string => `pes-transmission/${flowId}`;

export interface PesTransmissionInput {
  flowId: string;
  /** Raise the alarm when no acknowledgement came back after this long (48 hours in production). */
  ackAlarmMs: number;
  /** Attempts of the FTP upload (backoff between them) before the flow goes to ERREUR with an alarm. */
  uploadAttempts: number;
}

/** Sent by the returns poller when a PES_ACQUIT or PES_NonAcquit of this flow has been recorded. */
export const pesAcknowledged = defineSignal<[{ returnId: string }]>('pesAcknowledged');
export const pesTransmissionState = defineQuery<{ status: PesFlowStatus; alarm: boolean }>('pesTransmissionState');

/**
 * The ordonnateur asks the hub to sign the flow's unsigned bordereaux (« Signer » on the flow's page, or the API):
 * accepted while the flow has not gone past its signing step, refused (with this French reason) afterwards.
 */
export const pesSignRequested = defineUpdate<{ accepted: true }, []>('pesSignRequested');
export const SIGNING_CLOSED_MESSAGE =
  'Ce flux a déjà dépassé l’étape de signature (il est signé, transmis ou en erreur) : il ne peut plus être signé par le hub.';
