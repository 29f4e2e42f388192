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
}

export type Profile = 'en16931' | 'fr';

export interface ValidateOptions {
  profile?: Profile;
}

/** Sink the rules report into. */
export interface Reporter {
  report(rule: string, severity: Severity, bt: string, el: XmlElement | undefined, message: string): void;
}
