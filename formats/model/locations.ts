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

/**
 * A Map that defers building its keys until first read: readers record hundreds of thousands of locations
 * for large invoices, most of which are never looked up.
 */
export class LazyLocations extends Map<string, XmlElement> {
  /** Pending entries as (prefix, id, element) triples, or undefined once materialised. */
  private pending: Array<string | XmlElement> | undefined = [];

  /** Records `prefix + id` → element without building the key yet. */
  add(prefix: string, id: string, el: XmlElement): void {
    if (this.pending) this.pending.push(prefix, id, el);
    else super.set(prefix + id, el);
  }

  private materialize(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    for (let k = 0; k < p.length; k += 3) super.set((p[k] as string) + (p[k + 1] as string), p[k + 2] as XmlElement);
  }

  override get size(): number {
    this.materialize();
    return super.size;
  }
  override get(key: string): XmlElement | undefined {
    this.materialize();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.materialize();
    return super.has(key);
  }
  override set(key: string, value: XmlElement): this {
    this.materialize();
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.materialize();
    return super.delete(key);
  }
  override clear(): void {
    this.pending = undefined;
    super.clear();
  }
  override forEach(
    cb: (value: XmlElement, key: string, map: Map<string, XmlElement>) => void,
    thisArg?: unknown,
  ): void {
    this.materialize();
    super.forEach(cb, thisArg);
  }
  override keys(): MapIterator<string> {
    this.materialize();
    return super.keys();
  }
  override values(): MapIterator<XmlElement> {
    this.materialize();
    return super.values();
  }
  override entries(): MapIterator<[string, XmlElement]> {
    this.materialize();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, XmlElement]> {
    return this.entries();
  }
}

/** Records locations under a key prefix while a reader walks the document. */
export class LocationRecorder {
  readonly map: LazyLocations;
  private readonly prefix: string;

  constructor(map: LazyLocations = new LazyLocations(), prefix = '') {
    this.map = map;
    this.prefix = prefix;
  }

  /** A recorder for the `index`-th (0-based) occurrence of a repeated group; records the group element itself. */
  group(id: string, index: number, el: XmlElement): LocationRecorder {
    const key = `${this.prefix}${id}[${index + 1}]`;
    this.map.add(key, '', el);
    return new LocationRecorder(this.map, `${key}/`);
  }

  /** Records an element under `id` (relative to this recorder's prefix). */
  at(id: string, el: XmlElement | undefined): XmlElement | undefined {
    if (el) this.map.add(this.prefix, id, el);
    return el;
  }

  /** Records an element and returns its trimmed text, or undefined when absent. */
  text(id: string, el: XmlElement | undefined): string | undefined {
    if (!el) return undefined;
    this.map.add(this.prefix, id, el);
    return el.text.trim();
  }
}
