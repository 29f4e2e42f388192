import type { AppDeps } from '../http.ts';

/**
 * What the auth verbs need: callable from routes, the CLI and seeds alike. The optional parts serve the unlock
 * e-mail (its link and the workflow that sends it) and the count of slow secret checks.
 */
export type AuthDeps = Pick<AppDeps, 'db' | 'clock'> &
  Partial<Pick<AppDeps, 'logger' | 'temporal' | 'taskQueue' | 'publicUrl' | 'onSecretCheck'>>;
