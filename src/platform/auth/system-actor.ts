// The hub acting by itself: a schedule, the Chorus Pro sync, the yearly billing run. Not a person, not an API client,
// and never an operator in disguise: the audit log names the job, and a verb decides what a job may do.
import type { Actor } from './actor.ts';

/** Every job that changes state without a person or a client behind it. A new job adds its name here. */
export const SYSTEM_JOBS = [
  'chorus-sync',
  'billing-run',
  'invoice-start-relay',
  'invoice-email-retry',
  'credentials-purge',
  'directory-refresh',
  'seed',
] as const;
export type SystemJob = (typeof SYSTEM_JOBS)[number];

export interface SystemActor {
  kind: 'system';
  name: SystemJob;
}

export function systemActor(name: SystemJob): SystemActor {
  return { kind: 'system', name };
}

/**
 * Whoever a state change is recorded for. Kept apart from `Actor` (which verbs authorise against grants) so that a
 * system job holds no grant and cannot pass a role check by accident.
 */
export type AuditActor = Actor | SystemActor;

export const isSystemActor = (actor: AuditActor): actor is SystemActor => actor.kind === 'system';
