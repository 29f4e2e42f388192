// What the sync needs to reach the real Chorus Pro: a client (PISTE application) and the hub's depositing
// technical account; connections of recipient structures carry their own accounts.
import {
  chorusClientConfigFromEnv,
  createChorusClient,
  type ChorusClient,
  type TechnicalAccount,
} from '../client/index.ts';
import type { AppDeps } from '../../platform/http.ts';

export interface ChorusSyncSettings {
  client: ChorusClient;
  /** Technical account the hub deposits with, for the suppliers it acts for. */
  depositAccount: TechnicalAccount;
  /** Where connection passwords are read from (`chorus_connections.password_env` names the variable). */
  secrets: Readonly<Record<string, string | undefined>>;
  /**
   * After a deposit whose outcome was not recorded, how long to keep searching Chorus for the invoice before
   * depositing again: a flux shows its invoices only once integrated.
   */
  reconcileGraceMs: number;
  /** Invoices per page when pulling (rechercher/recipiendaire). */
  pullPageSize?: number | undefined;
}

export type ChorusSyncDeps = AppDeps & { chorusSync?: ChorusSyncSettings | undefined };

export const DEFAULT_RECONCILE_GRACE_MS = 6 * 60 * 60 * 1000;

/** Settings from the environment (CHORUS_CLIENT_ID/SECRET, CHORUS_ENVIRONMENT, CHORUS_TECH_LOGIN/PASSWORD), if configured. */
export function chorusSyncSettingsFromEnv(env: NodeJS.ProcessEnv): ChorusSyncSettings | undefined {
  const config = chorusClientConfigFromEnv(env);
  if (!config || !env.CHORUS_TECH_LOGIN || !env.CHORUS_TECH_PASSWORD) return undefined;
  return {
    client: createChorusClient(config),
    depositAccount: { login: env.CHORUS_TECH_LOGIN, password: env.CHORUS_TECH_PASSWORD },
    secrets: env,
    reconcileGraceMs: DEFAULT_RECONCILE_GRACE_MS,
  };
}
