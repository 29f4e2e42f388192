import { FormatError } from '../errors.ts';

/** Encoding labels accepted in the XML declaration, mapped to a TextDecoder label. */
const SINGLE_BYTE_OR_UTF8: ReadonlyMap<string, string> = new Map([
  ['utf-8', 'utf-8'],
  ['us-ascii', 'utf-8'],
  ['ascii', 'utf-8'],
  ['iso-8859-1', 'iso-8859-1'],
  ['latin1', 'iso-8859-1'],
  ['iso-8859-15', 'iso-8859-15'],
  ['windows-1252', 'windows-1252'],
]);
const UTF16_LABELS = new Set(['utf-16', 'utf-16le', 'utf-16be']);

/** Reads the `encoding` pseudo-attribute of an XML declaration at the start of `head`, if any. */
export function declaredEncoding(head: string): string | undefined {
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const decl = end === -1 ? head : head.slice(0, end);
  const m = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
  return m ? m[2] : undefined;
}

function encodingError(label: string): FormatError {
  return new FormatError(
    'XML_ENCODING',
    `Encodage de caractères non pris en charge dans la déclaration XML : « ${label} » (attendu : UTF-8).`,
  );
}

/** Checks the encoding declared by an already-decoded string (only the label's validity matters). */
export function checkDeclaredEncodingOfString(text: string): void {
  const label = declaredEncoding(text.slice(0, 512));
  if (label === undefined) return;
  const l = label.toLowerCase();
  if (!SINGLE_BYTE_OR_UTF8.has(l) && !UTF16_LABELS.has(l)) throw encodingError(label);
}

function decodeWith(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new FormatError(
      'XML_ENCODING',
      `Le document contient des octets invalides pour l'encodage ${label.toUpperCase()}.`,
      { cause },
    );
  }
}

/**
 * Decodes XML bytes to a string: honours a byte-order mark and the declared encoding,
 * refuses unknown encodings and invalid byte sequences.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  // UTF-16 with BOM, or UTF-16 without BOM starting with '<'.
  let utf16: 'utf-16le' | 'utf-16be' | undefined;
  let start = 0;
  if (b0 === 0xfe && b1 === 0xff) [utf16, start] = ['utf-16be', 2];
  else if (b0 === 0xff && b1 === 0xfe) [utf16, start] = ['utf-16le', 2];
  else if (b0 === 0x00 && b1 === 0x3c) utf16 = 'utf-16be';
  else if (b0 === 0x3c && b1 === 0x00) utf16 = 'utf-16le';
  if (utf16) {
    const text = decodeWith(utf16, bytes.subarray(start));
    const label = declaredEncoding(text.slice(0, 512));
    if (label !== undefined && !UTF16_LABELS.has(label.toLowerCase())) throw encodingError(label);
    return text;
  }
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  if (bom) start = 3;
  const body = bytes.subarray(start);
  // The declaration is ASCII in every accepted encoding: read it as Latin-1.
  const head = new TextDecoder('latin1').decode(body.subarray(0, 512));
  const label = declaredEncoding(head);
  let decoder = 'utf-8';
  if (label !== undefined) {
    const mapped = SINGLE_BYTE_OR_UTF8.get(label.toLowerCase());
    if (mapped === undefined) throw encodingError(label);
    if (bom && mapped !== 'utf-8') throw encodingError(label);
    decoder = mapped;
  }
  return decodeWith(decoder, body);
}
