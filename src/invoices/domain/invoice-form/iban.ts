// IBAN (ISO 13616) and BIC (ISO 9362) checks: length by country, then the mod-97 key. Pure.

/** IBAN lengths of the SEPA countries a supplier of a French collectivity banks in. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

/** The IBAN without spaces, in capitals. */
export const compactIban = (input: string): string => input.replace(/[\s\u00a0-]/g, '').toUpperCase();

/** Why the IBAN is not valid, in French, or null when it is. */
export function ibanProblem(input: string): string | null {
  const iban = compactIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban))
    return 'un IBAN commence par le code du pays et deux chiffres (FR76…).';
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined) return `le pays « ${iban.slice(0, 2)} » n’est pas dans la zone SEPA.`;
  if (iban.length !== expected)
    return `un IBAN ${iban.slice(0, 2)} compte ${expected} caractères (celui-ci en compte ${iban.length}).`;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? null : 'la clé de contrôle ne correspond pas : vérifiez l’IBAN sur votre RIB.';
}

/** BIC: 8 or 11 characters (bank, country, location, branch). */
export const bicValid = (input: string): boolean =>
  /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(input.replace(/\s/g, '').toUpperCase());

/** The IBAN by groups of four, as a RIB prints it. */
export const formatIban = (input: string): string => compactIban(input).replace(/(.{4})(?=.)/g, '$1 ');
