/**
 * A tiny deterministic XML builder: writers describe the document as nested nodes, absent values
 * (undefined) disappear, and containers left without content disappear too unless marked as required.
 * Empty values (text or attribute values that are empty or only white space, as a reader keeps them from
 * an empty source element) count as absent: no empty element or attribute is ever written.
 */

export interface XNode {
  name: string;
  attrs: ReadonlyArray<readonly [string, string]>;
  text: string | undefined;
  children: readonly XNode[];
}

type Attrs = ReadonlyArray<readonly [string, string | undefined]> | undefined;

function cleanAttrs(attrs: Attrs): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (const [k, v] of attrs ?? []) if (v !== undefined && v.trim() !== '') out.push([k, v]);
  return out;
}

/** A leaf element with text; undefined when the text is undefined or empty. */
export function leaf(name: string, text: string | undefined, attrs?: Attrs): XNode | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return { name, attrs: cleanAttrs(attrs), text, children: [] };
}

/** A container element; undefined when it has no child (unless `required`). */
export function node(
  name: string,
  children: ReadonlyArray<XNode | undefined | false>,
  attrs?: Attrs,
  required = false,
): XNode | undefined {
  const kids = children.filter((c): c is XNode => c !== undefined && c !== false);
  if (kids.length === 0 && !required) return undefined;
  return { name, attrs: cleanAttrs(attrs), text: undefined, children: kids };
}

/** A container that is always written, even when empty. */
export function required(name: string, children: ReadonlyArray<XNode | undefined | false>, attrs?: Attrs): XNode {
  return node(name, children, attrs, true) as XNode;
}

export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<"\t\n\r]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '"'
          ? '&quot;'
          : c === '\t'
            ? '&#9;'
            : c === '\n'
              ? '&#10;'
              : '&#13;',
  );
}

function write(n: XNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  let open = `${pad}<${n.name}`;
  for (const [k, v] of n.attrs) open += ` ${k}="${escapeAttr(v)}"`;
  if (n.text !== undefined) {
    out.push(`${open}>${escapeText(n.text)}</${n.name}>`);
  } else if (n.children.length === 0) {
    out.push(`${open}/>`);
  } else {
    out.push(`${open}>`);
    for (const c of n.children) write(c, depth + 1, out);
    out.push(`${pad}</${n.name}>`);
  }
}

/** Serialises a document: XML declaration, two-space indentation, LF line ends, final newline. */
export function serialize(root: XNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
