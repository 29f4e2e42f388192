// Attribute values written into ISO-8859-1 XML: markup escaped, characters beyond Latin-1 as character references.
export function xmlAttr(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"') out += '&quot;';
    else if (code > 0xff || (code >= 0x80 && code <= 0x9f)) out += `&#${code};`;
    else out += char;
  }
  return out;
}

/** `<Name V="value"/>`. */
export const leafV = (name: string, value: string): string => `<${name} V="${xmlAttr(value)}"/>`;
