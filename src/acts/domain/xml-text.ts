// Writing ACTES XML: ISO-8859-1 bytes, every character outside it as a character reference, so that an accent, a
// `&` or a `€` in an object never breaks the file (pain point of S²LOW and Pastell).

export const ACTES_NS = 'http://www.interieur.gouv.fr/ACTES#v1.1-20040216';
export const INSEE_NS = 'http://xml.insee.fr/schema';

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | number | undefined>;
  children?: (XmlElement | string)[];
}

const escape = (text: string, quote: boolean) =>
  text.replace(quote ? /[&<>"]/g : /[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function write(node: XmlElement | string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escape(node, false));
    return;
  }
  out.push(`<${node.name}`);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value !== undefined) out.push(` ${key}="${escape(String(value), true)}"`);
  }
  const children = node.children ?? [];
  if (children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of children) write(child, out);
  out.push(`</${node.name}>`);
}

/** The document as ISO-8859-1 bytes, with its declaration. */
export function xmlDocument(root: XmlElement): Uint8Array {
  const out: string[] = ['<?xml version="1.0" encoding="ISO-8859-1"?>\n'];
  write(root, out);
  return toLatin1(out.join('') + '\n');
}

/** ISO-8859-1 bytes; code points above U+00FF (in text already escaped) become `&#N;`. */
export function toLatin1(text: string): Uint8Array {
  const parts: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) parts.push(code);
    else for (const b of `&#${code};`) parts.push(b.charCodeAt(0));
  }
  return Uint8Array.from(parts);
}

/** ISO-8859-1 bytes read back as text (each byte one code point). */
export function fromLatin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** `actes:Name`. */
export const a = (name: string) => `actes:${name}`;
