/** The four roles of the hub. A person holds each role for the structures it acts for. */
export const ROLES = ['supplier', 'accountant', 'agent', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** The structure the role is held for (a supplier company, a collectivity, or the syndicat for operators). */
  structureId: string;
}

/** Who is acting: a logged-in person, or an API client authenticated by OAuth2 client credentials. */
export type Actor =
  | { kind: 'person'; personId: string; email: string; displayName: string; grants: RoleGrant[] }
  | { kind: 'client'; clientId: string; grants: RoleGrant[]; scopes: string[] };
