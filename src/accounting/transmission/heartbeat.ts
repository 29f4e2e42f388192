// Heartbeats of a long activity (a 128 MiB upload takes minutes): with a heartbeat timeout, a worker killed during
// the upload is noticed within that timeout and the activity retried elsewhere, not after its 30-minute limit.
import { Context } from '@temporalio/activity';

const EVERY_MS = 5_000;

/** Runs `work`, heartbeating every few seconds while it runs inside an activity (plainly otherwise). */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context | undefined;
  try {
    context = Context.current();
  } catch {
    // Called outside an activity (a test, the command line): nothing to tell.
  }
  const timer = context ? setInterval(() => context.heartbeat(), EVERY_MS) : undefined;
  try {
    return await work();
  } finally {
    if (timer) clearInterval(timer);
  }
}
