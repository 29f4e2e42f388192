import { describe, expect, it } from 'vitest';
import {
  compactIdentifier,
  deriveSiret,
  frenchVatNumber,
  isValidSiren,
  isValidSiret,
  LA_POSTE_SIREN,
  luhnValid,
} from './identifiers.ts';

describe('luhnValid', () => {
  it('accepts Luhn-valid digit strings and refuses others', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('213502388')).toBe(true);
    expect(luhnValid('213502389')).toBe(false);
  });

  it('refuses anything but digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('2135 02388')).toBe(false);
    expect(luhnValid('21350238a')).toBe(false);
  });
});

describe('isValidSiren', () => {
  it('accepts real SIRENs', () => {
    for (const siren of [
      '213502388',
      '233500016',
      '222200016',
      '222900011',
      '223500018',
      '225600014',
      '243500139',
      '253514491',
    ]) {
      expect(isValidSiren(siren), siren).toBe(true);
    }
  });

  it('refuses a wrong key, a wrong length or non-digits', () => {
    expect(isValidSiren('222900018')).toBe(false);
    expect(isValidSiren('21350238')).toBe(false);
    expect(isValidSiren('2135023880')).toBe(false);
    expect(isValidSiren('21350238X')).toBe(false);
  });
});

describe('isValidSiret', () => {
  it('accepts SIRETs of main establishments from the SIRENE register', () => {
    for (const siret of ['23350001600040', '22290001100016', '25351449100047', '22350001800013']) {
      expect(isValidSiret(siret), siret).toBe(true);
    }
  });

  it('refuses a wrong key, a wrong length, and a valid 14-digit Luhn whose SIREN is invalid', () => {
    expect(isValidSiret('23350001600041')).toBe(false);
    expect(isValidSiret('2335000160004')).toBe(false);
    expect(isValidSiret('233500016000400')).toBe(false);
    // 14 digits pass Luhn, but the SIREN part 000000001 does not.
    expect(luhnValid('00000000100008')).toBe(true);
    expect(isValidSiret('00000000100008')).toBe(false);
  });

  it('checks La Poste SIRETs by their digit sum divisible by 5, not by Luhn', () => {
    expect(LA_POSTE_SIREN).toBe('356000000');
    // Digit sum 40: valid for La Poste although the Luhn sum fails.
    expect(isValidSiret('35600000049481')).toBe(true);
    expect(luhnValid('35600000049481')).toBe(false);
    expect(isValidSiret('35600000049482')).toBe(false);
    expect(isValidSiret('35600000000010')).toBe(true);
  });
});

describe('deriveSiret', () => {
  it('completes NIC 0001 with the Luhn key digit', () => {
    expect(deriveSiret('213502388')).toBe('21350238800019');
    expect(deriveSiret('243500139')).toMatch(/^2435001390001[0-9]$/);
    expect(isValidSiret(deriveSiret('243500139'))).toBe(true);
  });

  it('follows the La Poste rule for SIREN 356000000', () => {
    const siret = deriveSiret(LA_POSTE_SIREN);
    expect(siret).toMatch(/^3560000000001[0-9]$/);
    expect(isValidSiret(siret)).toBe(true);
    const sum = [...siret].reduce((s, d) => s + Number(d), 0);
    expect(sum % 5).toBe(0);
  });

  it('refuses an invalid SIREN', () => {
    expect(() => deriveSiret('222900018')).toThrow(RangeError);
  });
});

describe('compactIdentifier and frenchVatNumber', () => {
  it('removes spaces and dots typed in identifiers', () => {
    expect(compactIdentifier(' 213 502 388 00019 ')).toBe('21350238800019');
    expect(compactIdentifier('213.502.388')).toBe('213502388');
  });

  it('computes the French VAT key', () => {
    // La Poste's published VAT number.
    expect(frenchVatNumber('356000000')).toBe('FR39356000000');
    // (12 + 3 × (213502388 mod 97)) mod 97 = 74
    expect(frenchVatNumber('213502388')).toBe('FR74213502388');
    expect(() => frenchVatNumber('213502389')).toThrow(RangeError);
  });
});
