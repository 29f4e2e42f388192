// After a batch's commit: each act's own transmission workflow is started, a few at a time (a meeting's hundred
// decisions must not open a hundred Temporal calls at once). A start that fails is logged and left to the relay
// of the mailbox poller (activities.ts), which starts every act waiting for transmission and never sent.
import type { ActsDeps } from '../deps.ts';
import { launchAfterCommit } from '../transmission/launch.ts';

export const BATCH_START_CONCURRENCY = 4;

export async function startBatch(deps: ActsDeps, actIds: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < actIds.length) await launchAfterCommit(deps, actIds[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_START_CONCURRENCY, actIds.length) }, worker));
}
