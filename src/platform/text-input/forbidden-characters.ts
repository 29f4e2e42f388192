// Characters no text of the hub may hold: C0 controls, DEL and lone UTF-16 surrogates. PostgreSQL refuses NUL in
// text, XML 1.0 refuses most controls, and a lone surrogate cannot be encoded in UTF-8: any of them stored or sent
// on would fail later, far from the person who typed it.

export interface ForbiddenCharacter {
  /** Position in the text, counted in characters from 1 (what a person sees). */
  position: number;
  /** `U+0000`, `U+007F`, `U+D800`… */
  codePoint: string;
}

/** Controls refused everywhere; tab, line feed and carriage return are allowed where a text may span lines. */
const SINGLE_LINE = /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const MULTI_LINE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** The first forbidden character of a text, or undefined when the text is clean. */
export function forbiddenCharacter(text: string, options: { multiline: boolean }): ForbiddenCharacter | undefined {
  // In `u` mode a lone surrogate is a code point of its own, so the lookarounds see it; a valid pair is one.
  const match = (options.multiline ? MULTI_LINE : SINGLE_LINE).exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  return {
    position: [...text.slice(0, match.index)].length + 1,
    codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
  };
}
