import { CONVENTIONAL_PREFIX } from './ns.ts';
import type { XmlElement } from './parse.ts';

/** First child element with the given namespace URI and local name. */
export function child(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

/** All child elements with the given namespace URI and local name. */
export function children(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.local === local && c.ns === ns) out.push(c);
  return out;
}

/** Follows a chain of `[ns, local]` steps, taking the first matching child at each step. */
export function descend(
  el: XmlElement | undefined,
  ...steps: ReadonlyArray<readonly [string, string]>
): XmlElement | undefined {
  let cur = el;
  for (const [ns, local] of steps) {
    if (!cur) return undefined;
    cur = child(cur, ns, local);
  }
  return cur;
}

/** Text of an element, or undefined when the element is absent. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el === undefined ? undefined : el.text;
}

/** Attribute value of an element, or undefined. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attrs.get(name);
}

/** Iterates over every element of the subtree, in document order (the element itself first). */
export function* walk(el: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [el];
  while (stack.length > 0) {
    const e = stack.pop() as XmlElement;
    yield e;
    for (let k = e.children.length - 1; k >= 0; k--) stack.push(e.children[k] as XmlElement);
  }
}

function qualifiedName(el: XmlElement): string {
  if (el.ns === '') return el.local;
  const p = CONVENTIONAL_PREFIX.get(el.ns);
  if (p === undefined) return `*:${el.local}`;
  return p === '' ? el.local : `${p}:${el.local}`;
}

/** Per parent: for each child, its 1-based position among same-named siblings, or 0 when it has none. */
const positions = new WeakMap<XmlElement, Map<XmlElement, number>>();

function positionOf(el: XmlElement): number {
  const parent = el.parent;
  if (!parent) return 0;
  let map = positions.get(parent);
  if (!map) {
    map = new Map();
    const counts = new Map<string, number>();
    for (const c of parent.children) {
      const key = `${c.ns}\u0000${c.local}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    for (const c of parent.children) {
      const key = `${c.ns}\u0000${c.local}`;
      const pos = (seen.get(key) ?? 0) + 1;
      seen.set(key, pos);
      map.set(c, (counts.get(key) ?? 0) > 1 ? pos : 0);
    }
    positions.set(parent, map);
  }
  return map.get(el) ?? 0;
}

/**
 * XPath of an element as the official reports print it: conventional prefixes (cbc:, cac:, ram:, rsm:, udt:, qdt:)
 * whatever prefixes the source used, and a 1-based position when the element has same-named siblings,
 * e.g. `/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount`.
 * An attribute can be designated by passing its name: `pathOf(el, 'currencyID')` → `.../cbc:PayableAmount/@currencyID`.
 */
export function pathOf(el: XmlElement, attribute?: string): string {
  const parts: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const pos = positionOf(e);
    parts.push(pos > 0 ? `${qualifiedName(e)}[${pos}]` : qualifiedName(e));
  }
  parts.reverse();
  return `/${parts.join('/')}${attribute === undefined ? '' : `/@${attribute}`}`;
}
