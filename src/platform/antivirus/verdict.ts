// What an antivirus says of one file. `not_scanned`: no antivirus configured; `failed`: the scan could not be
// done (clamd unreachable, timed out, file over its stream limit). The detail is French, for the people told.
// An antivirus gives sessions: a sink to stream a file's bytes into, and the verdict once they have ended.
import type { Writable } from 'node:stream';

export const SCAN_RESULTS = ['clean', 'infected', 'not_scanned', 'failed'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

export interface ScanVerdict {
  result: ScanResult;
  /** The signature found (`Eicar-Test-Signature`), for `infected`. */
  signature: string | null;
  /** The engine and its signature database, as clamd states them (`ClamAV 1.4.6/27431/…`). */
  engine: string | null;
  /** In French: « sain », « infecté : … », « non analysé … », « analyse impossible : … ». */
  detail: string;
}

export const NOT_SCANNED: ScanVerdict = {
  result: 'not_scanned',
  signature: null,
  engine: null,
  detail: 'non analysé (aucun antivirus configuré)',
};

export interface ScanSession {
  /** Never errors: an antivirus failure swallows the rest and shows in the verdict. */
  sink: Writable;
  verdict: Promise<ScanVerdict>;
}

export interface Antivirus {
  readonly configured: boolean;
  describe(): string;
  session(): ScanSession;
  /** Throws ANTIVIRUS_UNAVAILABLE (503, French) when the antivirus does not answer. */
  check(): Promise<void>;
}
