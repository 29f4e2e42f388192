import { describe, expect, it } from 'vitest';
import { JsonAmount, stringifyWithAmounts } from './json-amount.ts';

describe('JSON amounts', () => {
  it('writes decimal text as a JSON number, digit for digit', () => {
    const body = {
      montantHT: new JsonAmount('1250.50'),
      montantTTC: new JsonAmount('9007199254740993.10'),
      liste: [{ m: new JsonAmount('-0.01') }],
    };
    const json = stringifyWithAmounts(body);
    expect(json).toBe('{"montantHT":1250.50,"montantTTC":9007199254740993.10,"liste":[{"m":-0.01}]}');
    // A float would have lost the last digits of the second amount.
    expect(JSON.stringify({ x: Number('9007199254740993.10') })).not.toContain('9007199254740993.1');
  });

  it('leaves strings that merely look alike untouched and refuses non-decimals', () => {
    expect(stringifyWithAmounts({ libelle: 'amount 12' })).toBe('{"libelle":"amount 12"}');
    expect(() => new JsonAmount('12,5')).toThrow();
  });
});
