// Antivirus scanning of files (clamd), generic: a module streams a file into a session and keeps the verdict.
export { antivirusFromEnvironment, noAntivirus, scanningTee, scanReadable } from './antivirus.ts';
export { parseClamdAddress, type ClamdAddress } from './address.ts';
export { clamdAntivirus, type ClamdSettings } from './clamd.ts';
export {
  NOT_SCANNED,
  SCAN_RESULTS,
  type Antivirus,
  type ScanResult,
  type ScanSession,
  type ScanVerdict,
} from './verdict.ts';
