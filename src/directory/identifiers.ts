// French company identifiers: SIREN (9 digits) and SIRET (SIREN + 5-digit NIC), both protected by a Luhn key.

// The checks themselves live in the pure formats library (its French rules use them too); one definition.
import { isValidSiren, isValidSiret } from '../../formats/index.ts';

export { LA_POSTE_SIREN, isValidSiren, isValidSiret, luhnValid } from '../../formats/index.ts';

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
