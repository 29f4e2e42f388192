// What the hub stores as large files, and how large each may be. The list is repeated in the `stored_file_kind`
// enum of db/schema/files.ts (kinds.test.ts keeps the two equal): a new kind is a line here and a migration.

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export interface FileKindRule {
  /** Largest accepted size in bytes; one byte more aborts the upload. */
  maxBytes: number;
  /** French name of the kind, used in error messages: « la taille maximale d'un acte ». */
  label: string;
}

export const FILE_KINDS = {
  /** An act and its annexes sent to the prefecture: S²LOW refuses archives above 150 MiB (ACTES_ARCHIVE_MAX_SIZE). */
  act: { maxBytes: 150 * MiB, label: 'un acte' },
  /** A PES V2 flow for the treasury (S²LOW rejects received files above 150 MiB). */
  accounting_flow: { maxBytes: 150 * MiB, label: 'un flux comptable' },
  /** A document of a consultation published by the buyer (rules, specifications, plans). */
  tender_document: { maxBytes: GiB, label: 'un document de consultation' },
  /** A supplier's bid (an archive of its documents). */
  bid: { maxBytes: GiB, label: 'un pli de réponse' },
  /** Any other attachment (supporting documents). */
  attachment: { maxBytes: 20 * MiB, label: 'une pièce jointe' },
} as const satisfies Record<string, FileKindRule>;

export type FileKind = keyof typeof FILE_KINDS;

export const FILE_KIND_NAMES = Object.keys(FILE_KINDS) as FileKind[];

export function isFileKind(value: string): value is FileKind {
  return Object.hasOwn(FILE_KINDS, value);
}

/** « 150 Mio », « 1 Gio », « 20 Mio »: the cap as the French user reads it. */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [GiB, 'Gio'],
    [MiB, 'Mio'],
    [1024, 'Kio'],
  ];
  for (const [unit, name] of units) {
    if (bytes >= unit) {
      const value = bytes / unit;
      const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',');
      return `${text} ${name}`;
    }
  }
  return `${bytes} octets`;
}
