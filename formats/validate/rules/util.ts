import { dec, num, type Dec } from '../decimal.ts';
import { filled, norm } from '../facts/common.ts';
import type { V } from '../facts/types.ts';

export { filled, norm };

/** Value of an untyped node compared with a number (`x >= 0`): undefined when absent or not numeric. */
export function numeric(x: V | undefined): Dec | undefined {
  return x === undefined ? undefined : num(x.text);
}

/** `xs:decimal(x)`: undefined when absent or not a decimal. */
export function decimal(x: V | undefined): Dec | undefined {
  return x === undefined ? undefined : dec(x.text);
}

/** Quotes a value for a message. */
export function q(x: V | string | undefined): string {
  const s = typeof x === 'string' ? x : x?.text;
  return s === undefined ? '(absent)' : `« ${norm(s)} »`;
}
