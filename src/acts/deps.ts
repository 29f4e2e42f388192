import type { AppDeps } from '../platform/http.ts';
import type { FileStore } from '../platform/files/index.ts';
import { AppError } from '../platform/errors.ts';
import type { ActTiming } from './domain/workflow-contract.ts';
import type { ActsRuntime } from './runtime.ts';

/** What the acts verbs and activities need: the hub's dependencies, the transport, and (tests) short windows. */
export type ActsDeps = AppDeps & { acts?: ActsRuntime; actsTiming?: ActTiming };

export function filesOf(deps: ActsDeps): FileStore {
  if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers n’est pas configuré.', 503);
  return deps.files;
}

export function runtimeOf(deps: ActsDeps): ActsRuntime {
  if (!deps.acts) throw new Error('the acts transport (ministry, mailbox) is not configured');
  return deps.acts;
}

/** The Temporal workflow id of an act's transmission: one per act. */
export const actWorkflowId = (actId: string): string => `act-transmission-${actId}`;
