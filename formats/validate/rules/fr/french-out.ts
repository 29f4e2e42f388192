// Where a French rule reports: at the location of a model term, or of its nearest recorded parent.
import { termLabel } from '../../../model/terms.ts';
import type { ReadResult } from '../../../read.ts';
import type { XmlElement } from '../../../xml/index.ts';
import type { Out } from '../../out.ts';
import type { Severity } from '../../types.ts';

/**
 * Reports a French rule at the location of a model term (or of its nearest recorded parent). In the 'b2g'
 * profile the reform's rules (BR-FR-xx) are reported as warnings; the Chorus conventions (CHORUS-xx) stay fatal.
 */
export class FrenchOut {
  constructor(
    private readonly read: ReadResult,
    private readonly out: Out,
    readonly reformSeverity: Severity = 'fatal',
  ) {}

  element(key: string): XmlElement | undefined {
    const locations = this.read.locations;
    for (let k = key; k !== ''; k = parentKey(k)) {
      const el = locations.get(k);
      if (el) return el;
    }
    return undefined;
  }

  /** A rule the profile makes blocking; a reform rule (BR-FR-xx) is a warning under the 'b2g' profile. */
  fatal(rule: string, key: string, message: string): void {
    const bt = TERM_ID.exec(key.slice(key.lastIndexOf('/') + 1))?.[1] ?? '';
    const severity: Severity = rule.startsWith('BR-FR') ? this.reformSeverity : 'fatal';
    this.out.add(rule, severity, bt, this.element(key) ?? this.read.root, `${termLabel(bt)} : ${message}`);
  }
}

/** `BG-25[2]/BT-131` → `BG-25[2]`; `BT-34-1` → `BT-34`; a top-level term → '' (none). */
function parentKey(key: string): string {
  const slash = key.lastIndexOf('/');
  if (slash >= 0) return key.slice(0, slash);
  const m = /^(BT-\d+)(?:\[\d+\])?-\d+$/.exec(key);
  return m?.[1] ?? '';
}

const TERM_ID = /^(B[TG]-\d+)/;
