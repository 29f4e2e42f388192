/**
 * Decimal arithmetic for amounts, quantities and rates. Values live in the model as lexical strings;
 * these helpers parse them exactly (never through JS floats), compute, round and format.
 */
import DecimalJs from 'decimal.js';
import type { DecimalString } from './invoice.ts';

/** A private Decimal constructor, so global configuration elsewhere cannot change our results. */
export const Decimal = DecimalJs.clone({
  precision: 64,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -64,
  toExpPos: 64,
});
export type Decimal = InstanceType<typeof Decimal>;

/** xs:decimal lexical form: optional sign, digits, optional fraction; no exponent, no spaces. */
const DECIMAL_LEXICAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** True when `s` is a valid xs:decimal lexical value (surrounding whitespace not allowed). */
export function isDecimal(s: string | undefined): s is DecimalString {
  return s !== undefined && DECIMAL_LEXICAL.test(s);
}

/**
 * Number of decimals written in the lexical value ("12.50" → 2, "12" → 0, "12." → 0).
 * The EN 16931 BR-DEC rules count these lexically.
 */
export function fractionDigits(s: DecimalString): number {
  const t = s.trim();
  const dot = t.indexOf('.');
  return dot === -1 ? 0 : t.length - dot - 1;
}

/** Parses a lexical decimal (whitespace trimmed). Throws on anything else. */
export function dec(s: DecimalString | Decimal | number): Decimal {
  if (typeof s === 'string') {
    const t = s.trim();
    if (!DECIMAL_LEXICAL.test(t)) throw new RangeError(`Nombre décimal invalide : « ${s} »`);
    return new Decimal(t);
  }
  if (typeof s === 'number' && !Number.isInteger(s))
    throw new RangeError('Seuls les entiers JS sont acceptés ; utiliser une chaîne.');
  return new Decimal(s);
}

/** Parses a lexical decimal, or returns undefined when absent or invalid. */
export function tryDec(s: DecimalString | undefined): Decimal | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return DECIMAL_LEXICAL.test(t) ? new Decimal(t) : undefined;
}

/** Sum of decimals (absent values count as zero). */
export function sum(values: Iterable<DecimalString | Decimal | undefined>): Decimal {
  let total = new Decimal(0);
  for (const v of values) {
    if (v === undefined) continue;
    total = total.plus(typeof v === 'string' ? dec(v) : v);
  }
  return total;
}

/**
 * Rounds to `places` decimals, half away from zero ("half up" as EN 16931 defines it: 2.345 → 2.35,
 * -2.345 → -2.35).
 */
export function roundHalfUp(d: Decimal | DecimalString, places = 2): Decimal {
  return (typeof d === 'string' ? dec(d) : d).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/**
 * Rounds to `places` decimals, half towards positive infinity, as the XPath `round()` function used by the
 * official validation artefacts does (-2.345 → -2.34).
 */
export function roundHalfCeil(d: Decimal | DecimalString, places = 2): Decimal {
  return (typeof d === 'string' ? dec(d) : d).toDecimalPlaces(places, Decimal.ROUND_HALF_CEIL);
}

/** Fixed-point text with exactly `places` decimals, half-up rounded ("12.5" → "12.50"). */
export function toFixed(d: Decimal | DecimalString, places = 2): DecimalString {
  return (typeof d === 'string' ? dec(d) : d).toFixed(places, Decimal.ROUND_HALF_UP);
}

/** Plain text without exponent and without useless trailing zeros ("12.500" → "12.5"). */
export function toPlain(d: Decimal): DecimalString {
  return d.toFixed();
}

/** Numeric equality of two lexical decimals ("1.50" equals "1.5"). False when either is invalid. */
export function decEquals(a: DecimalString | undefined, b: DecimalString | undefined): boolean {
  const x = tryDec(a);
  const y = tryDec(b);
  return x !== undefined && y !== undefined && x.equals(y);
}
