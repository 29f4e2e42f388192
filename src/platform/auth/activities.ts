import type { AuthDeps } from './deps.ts';
import { purgeExpiredCredentials } from './purge.ts';

/** Auth activities the worker registers. */
export function createAuthActivities(deps: AuthDeps) {
  return {
    purgeExpiredCredentials: () => purgeExpiredCredentials(deps),
  };
}
