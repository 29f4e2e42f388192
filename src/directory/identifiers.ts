// French company identifiers: SIREN (9 digits) and SIRET (SIREN + 5-digit NIC), both protected by a Luhn key.

/** La Poste's establishments share one SIREN; their SIRETs satisfy "digit sum divisible by 5" instead of Luhn. */
export const LA_POSTE_SIREN = '356000000';

const SIREN_PATTERN = /^[0-9]{9}$/;
const SIRET_PATTERN = /^[0-9]{14}$/;

/** Luhn checksum over a string of digits (false for anything else, including the empty string). */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

export function isValidSiren(value: string): boolean {
  return SIREN_PATTERN.test(value) && luhnValid(value);
}

export function isValidSiret(value: string): boolean {
  if (!SIRET_PATTERN.test(value)) return false;
  const siren = value.slice(0, 9);
  if (siren === LA_POSTE_SIREN) return digitSum(value) % 5 === 0;
  return isValidSiren(siren) && luhnValid(value);
}

/** Removes the spaces people type in identifiers ("213 502 388 00019"). */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s\u00a0.]/g, '');
}

/**
 * A plausible main-establishment SIRET for a SIREN whose real one is unknown:
 * NIC `0001` followed by the digit that makes the 14 digits valid.
 */
export function deriveSiret(siren: string): string {
  if (!isValidSiren(siren)) throw new RangeError(`Not a valid SIREN: ${siren}`);
  const stem = `${siren}0001`;
  for (let key = 0; key <= 9; key++) {
    const candidate = `${stem}${key}`;
    if (isValidSiret(candidate)) return candidate;
  }
  // Unreachable: one key digit in ten always satisfies Luhn, two in ten the La Poste rule.
  throw new RangeError(`No key digit completes SIRET ${stem}`);
}

/** The French intra-community VAT number of a SIREN: `FR` + key (12 + 3 × (SIREN mod 97)) mod 97 + SIREN. */
export function frenchVatNumber(siren: string): string {
  if (!isValidSiren(siren)) throw new RangeError(`Not a valid SIREN: ${siren}`);
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}
