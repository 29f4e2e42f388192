/** The four roles of the hub. A person holds each role for the structures it acts for. */
export const ROLES = ['supplier', 'accountant', 'agent', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** The structure the role is held for (a supplier company, a collectivity, or the syndicat for operators). */
  structureId: string;
}

/** Every job that changes state without a person or a client behind it. A new job adds its name here. */
export const SYSTEM_JOBS = [
  'chorus-sync',
  'billing-run',
  'invoice-start-relay',
  'invoice-lifecycle',
  'invoice-email-retry',
  'credentials-purge',
  'directory-refresh',
  'tender-consultation',
  'seed',
  'treasury-flows',
  'acts-transmission',
] as const;
export type SystemJob = (typeof SYSTEM_JOBS)[number];

/** The hub itself, for a named job (see system-actor.ts). */
export interface SystemActor {
  kind: 'system';
  name: SystemJob;
  grants: RoleGrant[];
  /** Reads what an operator reads (the sync looks invoices up across structures); acts for no one by it. */
  readsAll?: true;
}

/**
 * Who is acting: a logged-in person, an API client authenticated by OAuth2 client credentials, or the hub itself
 * running a job.
 */
export type Actor =
  | { kind: 'person'; personId: string; email: string; displayName: string; grants: RoleGrant[] }
  | { kind: 'client'; clientId: string; grants: RoleGrant[]; scopes: string[] }
  | SystemActor;
