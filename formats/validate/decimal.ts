import Decimal from 'decimal.js';

/**
 * Decimal arithmetic as the XPath 2.0 expressions of the EN 16931 rules compute it:
 * exact decimals, and `round()` rounding half towards positive infinity.
 */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_CEIL });
export type Dec = InstanceType<typeof D>;

export const ZERO: Dec = new D(0);
export const ONE: Dec = new D(1);
export const HUNDRED: Dec = new D(100);

const DECIMAL_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses an xs:decimal lexical value (surrounding whitespace allowed); undefined when invalid or absent. */
export function dec(text: string | undefined): Dec | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!DECIMAL_LEXICAL.test(t)) return undefined;
  return new D(t);
}

/** Parses like `number()` would for comparisons: also accepts exponents; undefined when not a number. */
export function num(text: string | undefined): Dec | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return new D(t);
}

/** XPath `round(x)`: nearest integer, halves towards positive infinity. */
export function round0(x: Dec): Dec {
  return x.toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL);
}

/** `round(x * 100) div 100`. */
export function round2(x: Dec): Dec {
  return x.toDecimalPlaces(2, Decimal.ROUND_HALF_CEIL);
}

export function sum(values: Iterable<Dec>): Dec {
  let s = ZERO;
  for (const v of values) s = s.plus(v);
  return s;
}

/** Number of fraction digits as `string-length(substring-after(x, '.'))` counts them. */
export function fractionDigits(text: string): number {
  const i = text.indexOf('.');
  return i === -1 ? 0 : text.length - i - 1;
}
