// Where a French rule reports: at the location of a model term, or of its nearest recorded parent.
import { termLabel } from '../../../model/terms.ts';
import type { ReadResult } from '../../../read.ts';
import type { XmlElement } from '../../../xml/index.ts';
import type { Out } from '../../out.ts';

/** Reports a French rule at the location of a model term (or of its nearest recorded parent). */
export class FrenchOut {
  constructor(
    private readonly read: ReadResult,
    private readonly out: Out,
  ) {}

  element(key: string): XmlElement | undefined {
    const locations = this.read.locations;
    for (let k = key; k !== ''; k = parentKey(k)) {
      const el = locations.get(k);
      if (el) return el;
    }
    return undefined;
  }

  fatal(rule: string, key: string, message: string): void {
    const bt = TERM_ID.exec(key.slice(key.lastIndexOf('/') + 1))?.[1] ?? '';
    this.out.fatal(rule, bt, this.element(key) ?? this.read.root, `${termLabel(bt)} : ${message}`);
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
