import { describe, expect, it } from 'vitest';
import { STRUCTURE_KINDS } from './kinds.ts';
import { isValidPaymentDelay, legalPaymentDelayDays, paymentDelayDays } from './payment-delay.ts';

describe('legal payment delay from the kind', () => {
  it('gives 50 days to public hospitals and 30 to every other public kind', () => {
    const byKind = Object.fromEntries(STRUCTURE_KINDS.map((k) => [k, legalPaymentDelayDays(k)]));
    expect(byKind).toEqual({
      region: 30,
      departement: 30,
      epci: 30,
      commune: 30,
      syndicat: 30,
      ccas_cias: 30,
      etablissement_public_sante: 50,
      ehpad_public: 30,
      oph: 30,
      etablissement_public: 30,
      supplier: 30,
    });
  });

  it('lets the operator override win, in both directions', () => {
    expect(paymentDelayDays({ kind: 'etablissement_public_sante', paymentDelayOverrideDays: null })).toBe(50);
    expect(paymentDelayDays({ kind: 'etablissement_public_sante', paymentDelayOverrideDays: 30 })).toBe(30);
    expect(paymentDelayDays({ kind: 'commune', paymentDelayOverrideDays: 45 })).toBe(45);
    expect(paymentDelayDays({ kind: 'commune', paymentDelayOverrideDays: null })).toBe(30);
  });

  it('accepts overrides of 1 to 60 whole days', () => {
    expect([0, 1, 60, 61, 12.5].map(isValidPaymentDelay)).toEqual([false, true, true, false, false]);
  });
});
