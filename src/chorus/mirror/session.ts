// Who calls the mirror: the PISTE-like application (bearer token) and the technical account of `cpro-account`,
// which decides the structure and side the call acts for.
import type { ChorusTechnicalAccountRow } from '../../../db/schema/chorus.ts';
import type { Actor } from '../../platform/auth/index.ts';
import type { AppEnv } from '../../platform/http.ts';

export interface MirrorSession {
  account: ChorusTechnicalAccountRow;
  structureId: string;
  role: 'supplier' | 'accountant';
  /** The actor the hub's verbs see: the technical account, holding its role for its structure only. */
  actor: Actor;
}

export type MirrorEnv = { Variables: AppEnv['Variables'] & { chorus: MirrorSession } };

export function sessionOf(account: ChorusTechnicalAccountRow): MirrorSession {
  return {
    account,
    structureId: account.structureId,
    role: account.role,
    actor: {
      kind: 'client',
      clientId: account.login,
      grants: [{ role: account.role, structureId: account.structureId }],
      scopes: ['openid'],
    },
  };
}
