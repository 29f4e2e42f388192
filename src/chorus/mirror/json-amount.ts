/**
 * A decimal amount that must go out as a JSON number (Chorus sends amounts as numbers) without ever
 * becoming a JS float: the decimal text is written as-is into the JSON.
 */
export class JsonAmount {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal amount: ${text}`);
  }
  toJSON(): string {
    return `${MARK}${this.text}${MARK}`;
  }
}

const MARK = '\u0000amount\u0000';
const MARKED = new RegExp(
  `"${MARK.replace(/\u0000/g, '\\\\u0000')}(-?\\d+(?:\\.\\d+)?)${MARK.replace(/\u0000/g, '\\\\u0000')}"`,
  'g',
);

/** JSON.stringify, with each JsonAmount written as a bare number of its exact decimal text. */
export function stringifyWithAmounts(value: unknown): string {
  return JSON.stringify(value).replace(MARKED, '$1');
}
