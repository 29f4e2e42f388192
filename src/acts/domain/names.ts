// File, envelope and archive names of ACTES, as S²LOW writes them (decision date in every name).
import { natureAbbreviation, type ActNature } from './natures.ts';

export interface ActKey {
  /** Three characters: `035`, `02A`, `974`. */
  departement: string;
  siren: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  number: string;
  nature: ActNature;
}

const compact = (date: string) => date.replaceAll('-', '');

/** `DPT-SIREN-YYYYMMDD-NUMBER-NN`: the IDActe the ministry assigns, and the stem of every file name. */
export const actStem = (key: ActKey): string =>
  `${key.departement}-${key.siren}-${compact(key.decisionDate)}-${key.number}-${natureAbbreviation(key.nature)}`;

/** The IDActe pattern of the XSD. */
export const ID_ACTE = /^[09][0-9][AB0-9]-[0-9]{9}-[0-9]{8}-[a-zA-Z0-9_]{1,15}-[A-Z]{2}$/;

/** The message XML of a transaction: `…-1-1_0.xml`. */
export const messageFileName = (key: ActKey, code: string): string => `${actStem(key)}-${code}_0.xml`;

/** A piece: `{CodeTypePJ}-{stem}-{code}_{k}.{ext}`, k = 1 for the main document, 2… for annexes. */
export const pieceFileName = (key: ActKey, code: string, typology: string, k: number, extension: string): string =>
  `${typology}-${actStem(key)}-${code}_${k}.${extension}`;

/** `EACT--SIREN--YYYYMMDD-N.xml`. */
export const envelopeFileName = (application: string, siren: string, date: string, serial: number): string =>
  `${application}--${siren}--${compact(date)}-${serial}.xml`;

/** `TRI-EACT--SIREN--YYYYMMDD-N.tar.gz`. */
export const archiveFileName = (trigram: string, application: string, siren: string, date: string, serial: number) =>
  `${trigram}-${application}--${siren}--${compact(date)}-${serial}.tar.gz`;

/** The departement code of IDCL and IDActe: three characters (`35` → `035`, `2A` → `02A`, `974`). */
export const departementCode3 = (code: string): string => code.padStart(3, '0');

/** The 7-1 message: `{DPT}-{SIREN}----7-1_0.xml` (a structure's request: no date, number nor nature). */
export const classificationRequestFileName = (departement: string, siren: string): string =>
  `${departement}-${siren}----7-1_0.xml`;
