// Settings of the accounting module: the treasury's FTP gateway, the routing commands, the acknowledgement alarm,
// the size limits. Read from the environment at start; tests pass their own.
import type { AppDeps } from '../platform/http.ts';
import { sealSecretFromEnvironment } from '../platform/sealing/seal-secret.ts';

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
  /** `ftp`: the DGFiP gateway (three SITE commands); `ftps`/`sftp`: PassTrans. From the URL when absent. */
  transport?: 'ftp' | 'ftps' | 'sftp';
  /** FTPS: the authority that signed the server's certificate, when not a public one. */
  caPem?: string;
  /** SFTP: the client's private key (OpenSSH or PEM); the URL's password otherwise. */
  privateKeyPem?: string;
  /** SFTP: SHA-256 of the server's host key, base64 without padding (as `ssh-keygen -l` prints it). */
  hostKeySha256?: string;
}

export interface AccountingSettings {
  treasury?: TreasuryEndpoint;
  /** The PassTrans endpoints, chosen per structure (treasury_accounts.transport). */
  passTrans?: { ftps?: TreasuryEndpoint; sftp?: TreasuryEndpoint };
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
  /** 32 bytes sealing the structures' signing keys; ACCOUNTING_SEAL_SECRET (or a key file) when absent. */
  sealSecret?: Buffer;
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

/** The deps' seal secret, else ACCOUNTING_SEAL_SECRET (base64), else DATA_DIR/accounting-seal.key (created 0600). */
export function accountingSealSecret(deps: Pick<AccountingDeps, 'accounting'>): Buffer {
  return deps.accounting?.sealSecret ?? sealSecretFromEnvironment('ACCOUNTING_SEAL_SECRET', 'accounting-seal.key');
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

/** HELIOS_PASSTRANS_FTPS_URL (ftps://) and HELIOS_PASSTRANS_SFTP_URL (sftp://), with the gateway's folders. */
export function passTransFromEnv(env: Record<string, string | undefined>): AccountingSettings['passTrans'] {
  const common = {
    entree: env.HELIOS_FTP_ENTREE ?? '/entree/',
    sortie: env.HELIOS_FTP_SORTIE ?? '/sortie/',
    pAppli: env.HELIOS_P_APPLI ?? 'GHELPES2',
    pDest: env.HELIOS_P_DEST ?? 'VHPCE11',
    timeoutMs: Number(env.HELIOS_FTP_TIMEOUT_MS ?? 30_000),
  };
  const ftps = env.HELIOS_PASSTRANS_FTPS_URL;
  const sftp = env.HELIOS_PASSTRANS_SFTP_URL;
  if (ftps && !ftps.startsWith('ftps://'))
    throw new Error(`HELIOS_PASSTRANS_FTPS_URL doit être une adresse ftps:// (reçu ${ftps})`);
  if (sftp && !sftp.startsWith('sftp://'))
    throw new Error(`HELIOS_PASSTRANS_SFTP_URL doit être une adresse sftp:// (reçu ${sftp})`);
  if (!ftps && !sftp) return undefined;
  return {
    ...(ftps
      ? { ftps: { ...common, url: ftps, transport: 'ftps' as const, caPem: env.HELIOS_PASSTRANS_FTPS_CA || undefined } }
      : {}),
    ...(sftp
      ? {
          sftp: {
            ...common,
            url: sftp,
            transport: 'sftp' as const,
            privateKeyPem: env.HELIOS_PASSTRANS_SFTP_PRIVATE_KEY || undefined,
            hostKeySha256: env.HELIOS_PASSTRANS_SFTP_HOST_KEY_SHA256 || undefined,
          },
        }
      : {}),
  };
}

export function accountingSettingsFromEnv(env: Record<string, string | undefined>): Partial<AccountingSettings> {
  const treasury = treasuryFromEnv(env);
  const passTrans = passTransFromEnv(env);
  const alarmHours = env.HELIOS_ACK_ALARM_HOURS ? Number(env.HELIOS_ACK_ALARM_HOURS) : undefined;
  return {
    ...(treasury ? { treasury } : {}),
    ...(passTrans ? { passTrans } : {}),
    ...(alarmHours && alarmHours > 0 ? { ackAlarmMs: alarmHours * 3600 * 1000 } : {}),
  };
}
