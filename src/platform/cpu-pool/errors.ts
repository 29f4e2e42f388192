// What a caller of the pool meets when a job cannot run or finish within its budget: French, with a code.
import { AppError, RetryLaterError } from '../errors.ts';

export const poolBusy = (retryAfterSeconds: number): RetryLaterError =>
  new RetryLaterError(
    'CPU_POOL_BUSY',
    `Le hub traite déjà le maximum de documents volumineux qu’il peut mettre en attente : réessayez dans ${retryAfterSeconds} secondes.`,
    retryAfterSeconds,
  );

export const jobTimedOut = (label: string, timeoutMs: number, retryAfterSeconds: number): RetryLaterError =>
  new RetryLaterError(
    'PROCESSING_TIMEOUT',
    `Le traitement (${label}) a dépassé le temps alloué de ${seconds(timeoutMs)} et a été interrompu. Réessayez plus tard ; si le problème persiste, téléchargez le document original.`,
    retryAfterSeconds,
  );

export const jobOutOfMemory = (label: string, memoryMb: number): AppError =>
  new AppError(
    'PROCESSING_TOO_LARGE',
    `Le traitement (${label}) a dépassé la mémoire allouée de ${memoryMb} Mo et a été interrompu : le document est trop volumineux pour être traité.`,
    500,
  );

export const poolStopped = (): RetryLaterError =>
  new RetryLaterError('CPU_POOL_STOPPED', 'Le hub s’arrête : réessayez dans quelques instants.', 10);

/** A job that threw inside its thread: a defect of ours, shown as an internal error (500) with its cause logged. */
export class CpuJobError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly job: string,
  ) {
    super(message);
    this.name = 'CpuJobError';
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1).replace('.', ',')} s`;
}
