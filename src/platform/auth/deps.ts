import type { AppDeps } from '../http.ts';

/** What the auth verbs need: callable from routes, the CLI and seeds alike. */
export type AuthDeps = Pick<AppDeps, 'db' | 'clock'>;
