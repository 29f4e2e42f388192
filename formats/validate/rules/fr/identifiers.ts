/** French company identifiers: SIREN (9 digits) and SIRET (SIREN + 5-digit establishment number), both with a Luhn key. */

/** La Poste's establishments share one SIREN; their SIRETs satisfy "digit sum divisible by 5" instead of Luhn. */
export const LA_POSTE_SIREN = '356000000';

const DIGITS = /^[0-9]+$/;

/** Luhn checksum over a string of digits (false for anything else, including the empty string). */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
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
  return value.length === 9 && luhnValid(value);
}

export function isValidSiret(value: string): boolean {
  if (value.length !== 14 || !DIGITS.test(value)) return false;
  const siren = value.slice(0, 9);
  if (siren === LA_POSTE_SIREN) return digitSum(value) % 5 === 0;
  return isValidSiren(siren) && luhnValid(value);
}
