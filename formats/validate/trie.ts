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
  /** Namespace of the element of this node ('' for the root of a trie). */
  ns: string;
  /** Children by local name (a trie never holds two namespaces for one local name at one level). */
  children: Map<string, TrieNode>;
  /** Rules reported when the element of this node exists. */
  rules: PathRule[];
  /** Rules reported when the element of this node carries the attribute. */
  attrs: Map<string, PathRule[]>;
}

const PREFIXES: Record<string, string> = {
  cbc: NS.CBC,
  cac: NS.CAC,
  ext: NS.EXT,
  ram: NS.RAM,
  rsm: NS.RSM,
  udt: NS.UDT,
  qdt: NS.QDT,
};

export function newNode(ns = ''): TrieNode {
  return { ns, children: new Map(), rules: [], attrs: new Map() };
}

/** The child node matching an element, if any. */
export function childNode(node: TrieNode, el: XmlElement): TrieNode | undefined {
  const n = node.children.get(el.local);
  return n !== undefined && n.ns === el.ns ? n : undefined;
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
        let c = n.children.get(local);
        if (!c) {
          c = newNode(ns);
          n.children.set(local, c);
        } else if (c.ns !== ns) {
          throw new Error(`two namespaces for ${local} in ${path}`);
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
  visit(context, trie, report, { seen: undefined });
}

interface Seen {
  seen: Set<PathRule> | undefined;
}

function fire(r: PathRule, el: XmlElement, attribute: string | undefined, report: PathReport, state: Seen): void {
  state.seen ??= new Set();
  if (state.seen.has(r)) return;
  state.seen.add(r);
  report(r, el, attribute);
}

function visit(el: XmlElement, node: TrieNode, report: PathReport, state: Seen): void {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i] as XmlElement;
    const n = node.children.get(c.local);
    if (n === undefined || n.ns !== c.ns) continue;
    for (const r of n.rules) fire(r, c, undefined, report, state);
    if (n.attrs.size > 0 && c.attrs.size > 0) {
      for (const [attr, rules] of n.attrs)
        if (c.attrs.has(attr)) for (const r of rules) fire(r, c, attr, report, state);
    }
    if (n.children.size > 0) visit(c, n, report, state);
  }
}
