import { describe, expect, it } from 'vitest';
import { bicValid, formatIban, ibanProblem } from './iban.ts';

describe('IBAN and BIC', () => {
  it('accepts IBANs whose mod-97 key is right, written with or without spaces', () => {
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890 189')).toBeNull();
    expect(ibanProblem('de89370400440532013000')).toBeNull();
    expect(formatIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });
  it('says why an IBAN is refused', () => {
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890 188')).toMatch(/clé de contrôle/);
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890')).toBe(
      'un IBAN FR compte 27 caractères (celui-ci en compte 24).',
    );
    expect(ibanProblem('US12 3456')).toMatch(/zone SEPA/);
    expect(ibanProblem('3000 6000')).toMatch(/code du pays/);
  });
  it('checks the BIC shape', () => {
    expect(bicValid('AGRIFRPP')).toBe(true);
    expect(bicValid('BNPA FR PP XXX')).toBe(true);
    expect(bicValid('BNPAFRP')).toBe(false);
  });
});
