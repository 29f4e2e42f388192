/**
 * Provenance of the code lists in this folder.
 *
 * The values are those accepted by the EN 16931 code-list rules (BR-CL-01 … BR-CL-26) of the
 * CEN/TC 434 validation artefacts, release 1.3.16 (ConnectingEurope/eInvoicing-EN16931,
 * 2026-04-10), which implement the EN 16931 code lists as published by the European Commission
 * ("EN16931 code lists values", Registry of supporting artefacts to implement EN 16931).
 * Where the UBL and CII bindings of a rule accept different values, both sets are kept.
 */
export const CODELIST_SOURCE = 'CEN/TC 434 EN 16931 validation artefacts 1.3.16';

/** Builds a set from a whitespace-separated list of codes. */
export function codes(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}
