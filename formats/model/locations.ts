import type { XmlElement } from '../xml/parse.ts';
import type { Invoice } from './invoice.ts';

/**
 * Where each model value came from. Keys are model references: `BT-112`, `BG-4`, `BT-29[2]`,
 * `BT-34-1` (the element carrying the scheme attribute), `BG-25[1]/BT-131`, `BG-25[2]/BG-27[1]/BT-136`.
 * Indexes of repeated groups and terms are 1-based, in document order.
 */
export type Locations = Map<string, XmlElement>;

/** What a syntax reader returns. */
export interface SyntaxReadResult {
  syntax: 'UBL' | 'CII';
  invoice: Invoice;
  root: XmlElement;
  locations: Locations;
}

/** Records locations under a key prefix while a reader walks the document. */
export class LocationRecorder {
  readonly map: Locations;
  private readonly prefix: string;

  constructor(map: Locations = new Map(), prefix = '') {
    this.map = map;
    this.prefix = prefix;
  }

  /** A recorder for the `index`-th (0-based) occurrence of a repeated group; records the group element itself. */
  group(id: string, index: number, el: XmlElement): LocationRecorder {
    const key = `${this.prefix}${id}[${index + 1}]`;
    this.map.set(key, el);
    return new LocationRecorder(this.map, `${key}/`);
  }

  /** Records an element under `id` (relative to this recorder's prefix). */
  at(id: string, el: XmlElement | undefined): XmlElement | undefined {
    if (el) this.map.set(this.prefix + id, el);
    return el;
  }

  /** Records an element and returns its trimmed text, or undefined when absent. */
  text(id: string, el: XmlElement | undefined): string | undefined {
    if (!el) return undefined;
    this.map.set(this.prefix + id, el);
    return el.text.trim();
  }
}
