import { NS, type XmlElement } from '../xml/index.ts';
import type { Severity } from './types.ts';

/**
 * Presence checks compiled into a trie of element names: "this path must not exist under the context"
 * (UBL-CR, most CII-SR / CII-DT rules). One pass over the context subtree evaluates every path.
 */

export interface PathRule {
  rule: string;
  severity: Severity;
  /** What is not allowed, for the message. */
  label: string;
}

export interface TrieNode {
  children: Map<string, TrieNode>;
  /** Rules reported when the element of this node exists. */
  rules: PathRule[];
  /** Rules reported when the element of this node carries the attribute. */
  attrs: Map<string, PathRule[]>;
}

const PREFIXES: Record<string, string> = { cbc: NS.CBC, cac: NS.CAC, ext: NS.EXT, ram: NS.RAM, rsm: NS.RSM, udt: NS.UDT, qdt: NS.QDT };

export function key(ns: string, local: string): string {
  return `${ns}|${local}`;
}

export function newNode(): TrieNode {
  return { children: new Map(), rules: [], attrs: new Map() };
}

/**
 * Adds a path like `cac:Delivery/cbc:ID`, `(cac:InvoiceLine|cac:CreditNoteLine)/cbc:UUID` or
 * `cbc:ID/@schemeID` to the trie.
 */
export function addPath(root: TrieNode, path: string, rule: PathRule): void {
  let nodes: TrieNode[] = [root];
  for (const step of path.split('/')) {
    if (step.startsWith('@')) {
      for (const n of nodes) {
        const list = n.attrs.get(step.slice(1)) ?? [];
        list.push(rule);
        n.attrs.set(step.slice(1), list);
      }
      return;
    }
    const names = step.startsWith('(') ? step.slice(1, -1).split('|') : [step];
    const next: TrieNode[] = [];
    for (const n of nodes) {
      for (const name of names) {
        const [prefix, local] = name.split(':') as [string, string];
        const ns = PREFIXES[prefix];
        if (ns === undefined) throw new Error(`unknown prefix in ${path}`);
        const k = key(ns, local);
        let c = n.children.get(k);
        if (!c) {
          c = newNode();
          n.children.set(k, c);
        }
        next.push(c);
      }
    }
    nodes = next;
  }
  for (const n of nodes) n.rules.push(rule);
}

export type PathReport = (rule: PathRule, el: XmlElement, attribute: string | undefined) => void;

/** Reports each rule of the trie whose path exists under `context` (at most once per rule and call). */
export function evalTrie(context: XmlElement, trie: TrieNode, report: PathReport): void {
  const seen = new Set<PathRule>();
  const visit = (el: XmlElement, node: TrieNode): void => {
    for (const c of el.children) {
      const n = node.children.get(key(c.ns, c.local));
      if (!n) continue;
      for (const r of n.rules) {
        if (!seen.has(r)) {
          seen.add(r);
          report(r, c, undefined);
        }
      }
      for (const [attr, rules] of n.attrs) {
        if (!c.attrs.has(attr)) continue;
        for (const r of rules) {
          if (!seen.has(r)) {
            seen.add(r);
            report(r, c, attr);
          }
        }
      }
      if (n.children.size > 0 || n.attrs.size > 0) visit(c, n);
    }
  };
  visit(context, trie);
}
