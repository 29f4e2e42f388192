import { describe, expect, it } from 'vitest';
import {
  dec,
  decEquals,
  fractionDigits,
  isDecimal,
  roundHalfCeil,
  roundHalfUp,
  sum,
  toFixed,
  tryDec,
} from './decimal.ts';

describe('decimal helpers', () => {
  it('recognises the xs:decimal lexical space only', () => {
    for (const ok of ['0', '-1', '+2.5', '.5', '5.', '0001.2300']) expect([ok, isDecimal(ok)]).toEqual([ok, true]);
    for (const ko of ['', ' 1', '1e3', '1,5', 'NaN', '--1', '.', undefined])
      expect([ko, isDecimal(ko)]).toEqual([ko, false]);
  });

  it('counts decimals lexically', () => {
    expect(fractionDigits('12.50')).toBe(2);
    expect(fractionDigits('12.500')).toBe(3);
    expect(fractionDigits('12')).toBe(0);
    expect(fractionDigits('12.')).toBe(0);
    expect(fractionDigits('-0.0001')).toBe(4);
  });

  it('computes exactly, without binary floating point', () => {
    expect(sum(['0.1', '0.2']).toFixed()).toBe('0.3');
    expect(sum(['1.005', undefined, dec('-0.005')]).toFixed()).toBe('1');
    expect(dec('123456789012345678.99').plus('0.01').toFixed()).toBe('123456789012345679');
  });

  it('rounds half up (away from zero) to 2 decimals, and half-ceil like XPath round()', () => {
    expect(roundHalfUp('2.345').toFixed(2)).toBe('2.35');
    expect(roundHalfUp('-2.345').toFixed(2)).toBe('-2.35');
    expect(roundHalfUp('2.344').toFixed(2)).toBe('2.34');
    expect(roundHalfCeil('-2.345').toFixed(2)).toBe('-2.34');
    expect(roundHalfCeil('2.345').toFixed(2)).toBe('2.35');
    expect(toFixed('12.5')).toBe('12.50');
    expect(toFixed('0.005')).toBe('0.01');
  });

  it('compares numerically and rejects invalid input', () => {
    expect(decEquals('1.50', '1.5')).toBe(true);
    expect(decEquals('1.50', '1.51')).toBe(false);
    expect(decEquals('x', 'x')).toBe(false);
    expect(tryDec('1e3')).toBeUndefined();
    expect(() => dec('abc')).toThrow(RangeError);
    expect(() => dec(0.1)).toThrow(RangeError);
  });
});
