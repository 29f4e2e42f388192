import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { leaf, required, serialize } from './build.ts';
import type { XNode } from './build.ts';
import { parseXml } from './parse.ts';
import type { XmlElement } from './parse.ts';

// Characters allowed in XML 1.0 text, including markup characters and non-BMP ones.
const xmlChar = fc.oneof(
  fc.constantFrom('<', '>', '&', '"', "'", ']', '\t', '\n', '\r', ' ', '#', ';'),
  fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const xmlText = fc.array(xmlChar, { maxLength: 30 }).map((a) => a.join(''));
const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.-]{0,8}$/);

type Tree = { name: string; attrs: Array<[string, string]>; text?: string; children: Tree[] };

function treeOfDepth(depth: number): fc.Arbitrary<Tree> {
  const attrs = fc.uniqueArray(fc.tuple(name, xmlText), { maxLength: 3, selector: ([k]) => k });
  const leafTree = fc
    .record({ name, attrs, text: fc.option(xmlText, { nil: undefined }) })
    .map((t): Tree => ({ ...t, children: [] }));
  if (depth === 0) return leafTree;
  const inner = fc.record({ name, attrs, children: fc.array(treeOfDepth(depth - 1), { minLength: 1, maxLength: 3 }) });
  return fc.oneof(
    leafTree,
    inner.map((t): Tree => ({ ...t })),
  );
}
const tree = treeOfDepth(3);

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Blank texts and attribute values are not written (a leaf with blank text is built as an empty element). */
function toXNode(t: Tree): XNode {
  return t.children.length > 0 || blank(t.text)
    ? required(t.name, t.children.map(toXNode), t.attrs)
    : (leaf(t.name, t.text, t.attrs) as XNode);
}

function shape(e: XmlElement): unknown {
  return {
    name: e.local,
    attrs: [...e.attrs.entries()],
    text: e.children.length > 0 ? undefined : e.text,
    children: e.children.map(shape),
  };
}

describe('XML builder and parser agree', () => {
  it('parse(serialize(tree)) gives back the tree, text and attributes included', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const back = parseXml(serialize(toXNode(t)));
        const expected = (x: Tree): unknown => ({
          name: x.name,
          attrs: x.attrs.filter(([, v]) => !blank(v)),
          text: x.children.length > 0 || blank(x.text) ? (x.children.length > 0 ? undefined : '') : x.text,
          children: x.children.map(expected),
        });
        expect(shape(back)).toEqual(expected(t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseXml on arbitrary input', () => {
  it('either returns an element or throws a FormatError, never anything else', () => {
    const noise = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .array(
          fc.constantFrom('<', '>', '/', '!', '?', '&', ';', '"', "'", '=', 'a', ':', ' ', '[', ']', '-', 'x', '#'),
          { maxLength: 80 },
        )
        .map((a) => a.join('')),
      fc.uint8Array({ maxLength: 200 }),
    );
    fc.assert(
      fc.property(noise, (input) => {
        try {
          const r = parseXml(input);
          expect(typeof r.local).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
