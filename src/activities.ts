import { createAuthActivities } from './platform/auth/index.ts';
import type { AppDeps } from './platform/http.ts';

/** Every activity the worker registers, built from the hub's dependencies. Workflows import only its type. */
export function createActivities(deps: AppDeps) {
  return {
    ...createAuthActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
