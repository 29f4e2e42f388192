// Settings of the tender room: the seal secret that protects consultations' private keys and the time-stamping key,
// and the antivirus.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { antivirusFromEnvironment, type Antivirus } from '../platform/antivirus/index.ts';
import { AppError } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';

export interface TenderSettings {
  /** 32 bytes. Production: TENDERS_SEAL_SECRET (base64); embedded defaults: a key file under DATA_DIR. */
  sealSecret?: Buffer;
  /** Scans bid files and documents (AV-01). Default: clamd at CLAMD_ADDRESS, none when it is not set. */
  antivirus?: Antivirus;
}

export type TenderDeps = AppDeps & { tenders?: TenderSettings };

let fromEnvironment: Buffer | undefined;

/** The seal secret: the deps' own, else TENDERS_SEAL_SECRET, else DATA_DIR/tenders-seal.key (created once, 0600). */
export function sealSecret(deps: TenderDeps): Buffer {
  if (deps.tenders?.sealSecret) return deps.tenders.sealSecret;
  if (fromEnvironment) return fromEnvironment;
  const text = process.env['TENDERS_SEAL_SECRET'];
  if (text) {
    const secret = Buffer.from(text, 'base64');
    if (secret.length !== 32)
      throw new AppError('CONFIGURATION', 'TENDERS_SEAL_SECRET doit contenir 32 octets encodés en base64.', 500);
    fromEnvironment = secret;
    return secret;
  }
  const file = join(resolve(process.env['DATA_DIR'] ?? './data'), 'tenders-seal.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  }
  fromEnvironment = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  return fromEnvironment;
}

let antivirusOfEnvironment: Antivirus | undefined;

/** The antivirus: the deps' own, else clamd at CLAMD_ADDRESS, else none (verdicts « non analysé »). */
export function tenderAntivirus(deps: TenderDeps): Antivirus {
  if (deps.tenders?.antivirus) return deps.tenders.antivirus;
  antivirusOfEnvironment ??= antivirusFromEnvironment();
  return antivirusOfEnvironment;
}
