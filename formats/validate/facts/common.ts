import { NS, type XmlElement } from '../../xml/index.ts';
import type { V } from './types.ts';

/** Small, allocation-light accessors over the XML tree, shared by the two extractors. */

export function first(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

export function all(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.local === local && c.ns === ns) out.push(c);
  return out;
}

/** All elements reached by following the steps, every match at every step (XPath child axis). */
export function path(el: XmlElement | undefined, ...steps: ReadonlyArray<readonly [string, string]>): XmlElement[] {
  let cur: XmlElement[] = el ? [el] : [];
  for (const [ns, local] of steps) {
    const next: XmlElement[] = [];
    for (const c of cur) for (const k of c.children) if (k.local === local && k.ns === ns) next.push(k);
    cur = next;
    if (cur.length === 0) break;
  }
  return cur;
}

/** String value of an element: its text plus the text of its descendants, in document order. */
export function stringValue(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = el.text;
  for (const c of el.children) s += stringValue(c);
  return s;
}

export function v(el: XmlElement | undefined): V | undefined {
  return el === undefined ? undefined : { el, text: stringValue(el) };
}

export function vs(els: XmlElement[]): V[] {
  return els.map((el) => ({ el, text: stringValue(el) }));
}

/** XPath normalize-space(). */
const WHITESPACE_RUN = /[ \t\r\n]+/g;

export function norm(s: string | undefined): string {
  if (s === undefined) return '';
  return s.replace(WHITESPACE_RUN, ' ').trim();
}

/** True when the value exists and normalize-space() of it is not empty. */
export function filled(x: V | undefined): x is V {
  return x !== undefined && norm(x.text) !== '';
}

/** Casts a value to xs:boolean like a general comparison with true()/false() does; undefined if not castable. */
export function xsBoolean(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

export { walkElements } from '../walk.ts';
export const CBC = NS.CBC;
export const CAC = NS.CAC;
export const RAM = NS.RAM;
export const RSM = NS.RSM;
export const UDT = NS.UDT;
