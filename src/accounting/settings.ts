// Settings of the accounting module: the treasury's FTP gateway, the routing commands, the acknowledgement alarm,
// the size limits. Read from the environment at start; tests pass their own.
import type { AppDeps } from '../platform/http.ts';

const MiB = 1024 * 1024;

export interface TreasuryEndpoint {
  /** ftp://user:password@host:port of the DGFiP gateway (or of the fake treasury). */
  url: string;
  /** Upload folder (`/entree/`) and returns folder (`/sortie/`). */
  entree: string;
  sortie: string;
  /** SITE P_APPLI value (GHELPES2 in production). */
  pAppli: string;
  /** SITE P_DEST when the structure has none of its own. */
  pDest: string;
  /** FTP connection timeout. */
  timeoutMs: number;
}

export interface AccountingSettings {
  treasury?: TreasuryEndpoint;
  /** No acknowledgement after this long raises the alarm (48 hours). */
  ackAlarmMs: number;
  /** Largest PES Aller accepted (128 MiB, S²LOW's HELIOS_MAX_UPLOAD_SIZE). */
  maxFileBytes: number;
  /** Largest decompressed PJ, and total of a file's PJs: the decompression budget. */
  pjBudgetBytes: number;
  totalPjBudgetBytes: number;
  /** Minutes between two readings of the returns folder (at least 4, as S²LOW). */
  pollEveryMinutes: number;
  /** Retries of an FTP upload before the flow is put in error and the alarm raised. */
  uploadAttempts: number;
}

export const DEFAULT_ACCOUNTING_SETTINGS: AccountingSettings = {
  ackAlarmMs: 48 * 3600 * 1000,
  maxFileBytes: 128 * MiB,
  pjBudgetBytes: 64 * MiB,
  totalPjBudgetBytes: 1024 * MiB,
  pollEveryMinutes: 4,
  uploadAttempts: 8,
};

export type AccountingDeps = AppDeps & { accounting?: Partial<AccountingSettings> };

export function accountingSettings(deps: Pick<AccountingDeps, 'accounting'>): AccountingSettings {
  return { ...DEFAULT_ACCOUNTING_SETTINGS, ...deps.accounting };
}

/** HELIOS_FTP_URL and its companions; without HELIOS_FTP_URL no treasury is configured. */
export function treasuryFromEnv(env: Record<string, string | undefined>): TreasuryEndpoint | undefined {
  const url = env.HELIOS_FTP_URL;
  if (!url) return undefined;
  if (!/^ftps?:\/\//.test(url)) throw new Error(`HELIOS_FTP_URL doit être une adresse ftp:// ou ftps:// (reçu ${url})`);
  return {
    url,
    entree: env.HELIOS_FTP_ENTREE ?? '/entree/',
    sortie: env.HELIOS_FTP_SORTIE ?? '/sortie/',
    pAppli: env.HELIOS_P_APPLI ?? 'GHELPES2',
    pDest: env.HELIOS_P_DEST ?? 'VHPCE11',
    timeoutMs: Number(env.HELIOS_FTP_TIMEOUT_MS ?? 30_000),
  };
}

export function accountingSettingsFromEnv(env: Record<string, string | undefined>): Partial<AccountingSettings> {
  const treasury = treasuryFromEnv(env);
  const alarmHours = env.HELIOS_ACK_ALARM_HOURS ? Number(env.HELIOS_ACK_ALARM_HOURS) : undefined;
  return {
    ...(treasury ? { treasury } : {}),
    ...(alarmHours && alarmHours > 0 ? { ackAlarmMs: alarmHours * 3600 * 1000 } : {}),
  };
}
