// What an act must satisfy before it is accepted (CGCT practice as S²LOW and Pastell enforce it).

/** S²LOW's NUMBER_REGEXP, within the XSD's 15 characters: uppercase letters, digits and `_`, not starting or ending with `_`. */
export const ACT_NUMBER = /^([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]$/;
/** Objet: S²LOW stores at most 499 characters (the XSD allows 500). */
export const MAX_OBJECT_LENGTH = 499;
/** ACTES_ARCHIVE_MAX_SIZE of S²LOW: the act and its annexes, in all. */
export const MAX_ACT_BYTES = 150 * 1024 * 1024;
/** CodeTypePJ, as in the classification files (`99_DE`, `41_AT`, …). */
export const TYPOLOGY_CODE = /^[0-9]{2}_[A-Z]{2}$/;
/** Classification « 1.1 », « 7.1.2 »: one to five levels (CodeMatiere1..5). */
export const CLASSIFICATION_CODE = /^[1-9][0-9]*(\.[0-9]+){0,4}$/;

/** The media types the ministry accepts for documents (arrêté of 13 Oct 2011: PDF, JPG, PNG, XML). */
export const ACCEPTED_MEDIA = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/xml': 'xml',
  'text/xml': 'xml',
} as const;

export type AcceptedMedia = keyof typeof ACCEPTED_MEDIA;

/** The extension the file takes in the archive, from its first bytes: PDF, JPEG, PNG or XML, else undefined. */
export function sniffExtension(head: Uint8Array): 'pdf' | 'jpg' | 'png' | 'xml' | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  const text = String.fromCharCode(...head.subarray(0, 16)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*<\?xml/.test(text)) return 'xml';
  return undefined;
}
