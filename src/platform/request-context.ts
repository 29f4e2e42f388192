// The HTTP request a piece of code runs for, without threading it through every call: the audit log names the
// request behind each change, and a verb that starts a workflow passes the id on to it.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequest<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The id of the request being served (`X-Request-Id`), or undefined in a worker, a schedule or the CLI. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
