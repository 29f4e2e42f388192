import type { XmlElement } from '../xml/index.ts';

export type Severity = 'fatal' | 'warning';

/** One finding of the validation. */
export interface Violation {
  /** Official rule id (BR-xx, BR-CO-xx, UBL-SR-xx, CII-DT-xxx…) or our own (BR-FR-xx, CHORUS-xx, UBL-XSD, CII-XSD). */
  rule: string;
  severity: Severity;
  /** Business term or group concerned ('BT-112', 'BG-23'), or '' when none applies. */
  bt: string;
  /** XPath of the offending element, else of its nearest existing parent. */
  path: string;
  /** French message naming the business term. */
  message: string;
  /** A sum or a product that does not add up (BR-CO-10 … BR-CO-17): what the invoice says and what the rule computes. */
  amounts?: AmountMismatch;
}

/** Decimal strings, as written in the invoice (`found`, null when absent) and as EN 16931 computes it (`expected`). */
export interface AmountMismatch {
  found: string | null;
  expected: string;
}

/**
 * 'en16931': the norm and its syntax bindings only.
 * 'b2g': what Chorus Pro applies to invoices for public buyers: EN 16931 and the Chorus conventions (CHORUS-xx)
 *   fatal, the 2026 reform's BR-FR rules reported as warnings; Chorus billing frames (A1…A25) and the Peppol
 *   business process accepted in BT-23.
 * 'fr': the strict profile: EN 16931, the BR-FR rules of the reform and the Chorus conventions, all fatal.
 */
export type Profile = 'en16931' | 'b2g' | 'fr';

export interface ValidateOptions {
  profile?: Profile;
}

/** Sink the rules report into. */
export interface Reporter {
  report(rule: string, severity: Severity, bt: string, el: XmlElement | undefined, message: string): void;
}
