// Settings of the tender room: the seal secret that protects consultations' private keys and the time-stamping key,
// and the antivirus.
import { antivirusFromEnvironment, type Antivirus } from '../platform/antivirus/index.ts';
import type { AppDeps } from '../platform/http.ts';
import { sealSecretFromEnvironment } from '../platform/sealing/seal-secret.ts';

export interface TenderSettings {
  /** 32 bytes. Production: TENDERS_SEAL_SECRET (base64); embedded defaults: a key file under DATA_DIR. */
  sealSecret?: Buffer;
  /** Scans bid files and documents (AV-01). Default: clamd at CLAMD_ADDRESS, none when it is not set. */
  antivirus?: Antivirus;
}

export type TenderDeps = AppDeps & { tenders?: TenderSettings };

/** The seal secret: the deps' own, else TENDERS_SEAL_SECRET, else DATA_DIR/tenders-seal.key (created once, 0600). */
export function sealSecret(deps: TenderDeps): Buffer {
  return deps.tenders?.sealSecret ?? sealSecretFromEnvironment('TENDERS_SEAL_SECRET', 'tenders-seal.key');
}

let antivirusOfEnvironment: Antivirus | undefined;

/** The antivirus: the deps' own, else clamd at CLAMD_ADDRESS, else none (verdicts « non analysé »). */
export function tenderAntivirus(deps: TenderDeps): Antivirus {
  if (deps.tenders?.antivirus) return deps.tenders.antivirus;
  antivirusOfEnvironment ??= antivirusFromEnvironment();
  return antivirusOfEnvironment;
}
