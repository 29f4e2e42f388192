// Derives the content models that formats/validate/rules/schema.ts checks from the official XML schemas:
//   npx tsx scripts/xsd-content-models.ts ubl <dir of UBL 2.1 OS xsd/ (maindoc/, common/)> <source note>
//   npx tsx scripts/xsd-content-models.ts cii <dir of the CII D16B data/standard/*.xsd> <source note>
// and prints the TypeScript module (formats/validate/schema/ubl-2.1.ts or cii-d16b.ts) on stdout; run Prettier on it.
// Only the types reachable from the document roots are kept. Each content model is a sequence of particles
// `prefix:Local[=TypeId][card]` (card: none = exactly one, ? optional, * any number, + at least one),
// a choice `(a|b)card`, or `ANY` (xsd:any). Leaf (simple content) types become a datatype kind with the
// attributes the schema requires.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, type XmlElement } from '../formats/xml/parse.ts';

const XSD = 'http://www.w3.org/2001/XMLSchema';

interface QName {
  ns: string;
  local: string;
}

interface Particle {
  kind: 'element' | 'choice' | 'any';
  min: number;
  max: number;
  /** element: the element's name and type (QName; anonymous types get a synthetic name). */
  name?: QName;
  type?: QName;
  choices?: Particle[];
}

interface ComplexType {
  particles?: Particle[];
  /** simple content: the base type. */
  base?: QName;
  requiredAttrs: string[];
}

const key = (q: QName): string => `{${q.ns}}${q.local}`;

/** The declared type of an element; one without a type (or with an inline simple type) holds text. */
function elementType(el: XmlElement, qname: (v: string) => QName): QName {
  const t = el.attrs.get('type');
  return t === undefined ? { ns: XSD, local: 'string' } : qname(t);
}

class SchemaSet {
  readonly elements = new Map<string, QName>();
  readonly complexTypes = new Map<string, ComplexType>();
  readonly simpleTypes = new Map<string, QName>();
  private anon = 0;

  load(file: string): void {
    const text = readFileSync(file, 'utf8');
    const root = parseXml(text);
    const prefixes = new Map<string, string>();
    const head = /<xsd:schema\b[^>]*>/s.exec(text)?.[0] ?? '';
    for (const m of head.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*"([^"]*)"/g)) prefixes.set(m[1] ?? '', m[2]!);
    const target = root.attrs.get('targetNamespace') ?? '';
    const qname = (v: string): QName => {
      const [p, l] = v.includes(':') ? (v.split(':') as [string, string]) : ['', v];
      const ns = prefixes.get(p);
      if (ns === undefined) throw new Error(`${file}: unbound prefix in ${v}`);
      return { ns, local: l };
    };
    const xs = (el: XmlElement, local: string) => el.children.filter((c) => c.ns === XSD && c.local === local);
    const occurs = (el: XmlElement) => ({
      min: Number(el.attrs.get('minOccurs') ?? '1'),
      max: el.attrs.get('maxOccurs') === 'unbounded' ? Infinity : Number(el.attrs.get('maxOccurs') ?? '1'),
    });
    const complexType = (ct: XmlElement, name: QName): void => {
      const def: ComplexType = { requiredAttrs: [] };
      const sc = xs(ct, 'simpleContent')[0];
      if (sc) {
        const ext = xs(sc, 'extension')[0] ?? xs(sc, 'restriction')[0];
        if (!ext) throw new Error(`${file}: ${name.local}: simpleContent without base`);
        def.base = qname(ext.attrs.get('base')!);
        for (const a of xs(ext, 'attribute'))
          if (a.attrs.get('use') === 'required') def.requiredAttrs.push(a.attrs.get('name')!);
      } else {
        const group = xs(ct, 'sequence')[0] ?? xs(ct, 'choice')[0];
        def.particles = [];
        if (group) {
          const ps = this.particles(group, target, qname, xs, occurs, complexType);
          def.particles = group.local === 'choice' ? [{ kind: 'choice', ...occurs(group), choices: ps }] : ps;
        }
        for (const a of xs(ct, 'attribute'))
          if (a.attrs.get('use') === 'required') def.requiredAttrs.push(a.attrs.get('name')!);
      }
      this.complexTypes.set(key(name), def);
    };
    for (const c of root.children) {
      if (c.ns !== XSD) continue;
      const name = c.attrs.get('name');
      if (c.local === 'element' && name) {
        const inline = xs(c, 'complexType')[0];
        const type: QName = inline ? { ns: target, local: `${name}#anon` } : elementType(c, qname);
        if (inline) complexType(inline, type);
        this.elements.set(key({ ns: target, local: name }), type);
      } else if (c.local === 'complexType' && name) complexType(c, { ns: target, local: name });
      else if (c.local === 'simpleType' && name) {
        const r = xs(c, 'restriction')[0];
        const u = xs(c, 'union')[0];
        const base = r ? qname(r.attrs.get('base')!) : u ? { ns: XSD, local: 'string' } : undefined;
        if (!base) throw new Error(`${file}: simpleType ${name} without restriction`);
        this.simpleTypes.set(key({ ns: target, local: name }), base);
      }
    }
  }

  private particles(
    group: XmlElement,
    target: string,
    qname: (v: string) => QName,
    xs: (el: XmlElement, local: string) => XmlElement[],
    occurs: (el: XmlElement) => { min: number; max: number },
    complexType: (ct: XmlElement, name: QName) => void,
  ): Particle[] {
    const out: Particle[] = [];
    for (const c of group.children) {
      if (c.ns !== XSD) continue;
      if (c.local === 'element') {
        const ref = c.attrs.get('ref');
        if (ref) {
          out.push({ kind: 'element', ...occurs(c), name: qname(ref) });
          continue;
        }
        const name: QName = { ns: target, local: c.attrs.get('name')! };
        const inline = xs(c, 'complexType')[0];
        let type: QName;
        if (inline) {
          type = { ns: target, local: `${name.local}#anon${++this.anon}` };
          complexType(inline, type);
        } else type = elementType(c, qname);
        out.push({ kind: 'element', ...occurs(c), name, type });
      } else if (c.local === 'choice' || c.local === 'sequence') {
        if (c.local === 'sequence') throw new Error('nested sequences are not supported');
        out.push({
          kind: 'choice',
          ...occurs(c),
          choices: this.particles(c, target, qname, xs, occurs, complexType),
        });
      } else if (c.local === 'any') out.push({ kind: 'any', ...occurs(c) });
    }
    return out;
  }

  /** The built-in XSD type a simple or simple-content type derives from. */
  builtin(type: QName): string {
    for (let t: QName | undefined = type, i = 0; t && i < 20; i++) {
      if (t.ns === XSD) return t.local;
      const k = key(t);
      t = this.simpleTypes.get(k) ?? this.complexTypes.get(k)?.base;
    }
    throw new Error(`cannot resolve ${key(type)}`);
  }

  requiredAttributes(type: QName): string[] {
    const out = new Set<string>();
    for (let t: QName | undefined = type, i = 0; t && t.ns !== XSD && i < 20; i++) {
      const ct = this.complexTypes.get(key(t));
      for (const a of ct?.requiredAttrs ?? []) out.add(a);
      t = ct?.base ?? this.simpleTypes.get(key(t));
    }
    return [...out].sort();
  }
}

/** The datatype kinds the checker tells apart; every other built-in type is text. */
function kindOf(builtin: string): string {
  if (['decimal', 'integer', 'nonNegativeInteger', 'positiveInteger', 'float', 'double'].includes(builtin))
    return 'decimal';
  if (['date', 'time', 'dateTime', 'boolean', 'base64Binary'].includes(builtin)) return builtin;
  return 'text';
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : f.endsWith('.xsd') ? [p] : [];
    })
    .sort();
}

function generate(syntax: 'ubl' | 'cii', dir: string, source: string): string {
  const set = new SchemaSet();
  // The signature modules (XML-DSig, XAdES) are reachable only through the extension wildcard (xsd:any).
  for (const f of files(dir)) if (!/xmldsig|XAdES|Signature/.test(f)) set.load(f);
  const prefixOf = new Map<string, string>(
    syntax === 'ubl'
      ? [
          ['urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', 'inv'],
          ['urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2', 'cn'],
          ['urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2', 'cac'],
          ['urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2', 'cbc'],
          ['urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2', 'ext'],
        ]
      : [
          ['urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100', 'rsm'],
          ['urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100', 'ram'],
          ['urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100', 'udt'],
          ['urn:un:unece:uncefact:data:standard:QualifiedDataType:100', 'qdt'],
        ],
  );
  const roots =
    syntax === 'ubl'
      ? [
          { ns: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', local: 'Invoice' },
          { ns: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2', local: 'CreditNote' },
        ]
      : [{ ns: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100', local: 'CrossIndustryInvoice' }];
  const pfx = (q: QName): string => {
    const p = prefixOf.get(q.ns);
    if (p === undefined) throw new Error(`no prefix for ${q.ns}`);
    return `${p}:${q.local}`;
  };
  const mainPrefix = syntax === 'ubl' ? 'cac' : 'ram';
  /** Type ids: the type's local name without "Type", prefixed unless it is of the main aggregate namespace. */
  const typeId = (q: QName): string => {
    if (q.ns === XSD) return `xsd:${q.local}`;
    const base = q.local.replace(/Type$/, '').replace(/#anon\d*$/, '');
    const p = prefixOf.get(q.ns)!;
    const anon = /#anon(\d*)$/.exec(q.local);
    const name = anon ? `${base}_${anon[1] || '0'}` : base;
    return p === mainPrefix ? name : `${p}:${name}`;
  };
  const types = new Map<string, string>();
  const leaves = new Map<string, Set<string>>();
  const elementTypes = new Map<string, string>();
  const queue: QName[] = [];
  /** The id of an element's type, queuing complex types and recording leaves. */
  const resolve = (type: QName, leafKey: string): string | undefined => {
    const ct = set.complexTypes.get(key(type));
    if (ct && ct.particles) {
      const id = typeId(type);
      if (!types.has(id)) {
        types.set(id, '');
        queue.push(type);
      }
      return id;
    }
    const attrs = set.requiredAttributes(type);
    const kind = kindOf(set.builtin(type)) + attrs.map((a) => `@${a}`).join('');
    const s = leaves.get(kind) ?? new Set<string>();
    s.add(leafKey);
    leaves.set(kind, s);
    return undefined;
  };
  const card = (p: Particle): string => {
    if (p.min === 1 && p.max === 1) return '';
    if (p.min === 0 && p.max === 1) return '?';
    if (p.min === 0 && p.max === Infinity) return '*';
    if (p.min === 1 && p.max === Infinity) return '+';
    throw new Error(`unsupported occurrence ${p.min}..${p.max}`);
  };
  const particle = (p: Particle): string => {
    if (p.kind === 'any') return 'ANY';
    if (p.kind === 'choice')
      return `(${p.choices!.map((c) => particle({ ...c, min: 1, max: 1 })).join('|')})${card(p)}`;
    const name = p.name!;
    if (p.type === undefined) {
      // A reference to a global element: its type is looked up by name.
      const type = set.elements.get(key(name));
      if (!type) throw new Error(`unknown element ${key(name)}`);
      const id = resolve(type, pfx(name));
      if (id !== undefined) elementTypes.set(pfx(name), id);
      return `${pfx(name)}${card(p)}`;
    }
    const leafKey = typeId(p.type);
    const id = resolve(p.type, leafKey);
    return `${pfx(name)}=${id ?? leafKey}${card(p)}`;
  };
  const rootIds = roots.map((r) => {
    const t = set.elements.get(key(r));
    if (!t) throw new Error(`no root ${key(r)}`);
    return [pfx(r), resolve(t, pfx(r))!] as const;
  });
  while (queue.length > 0) {
    const t = queue.shift()!;
    const ct = set.complexTypes.get(key(t))!;
    const ps = ct.particles!;
    types.set(typeId(t), ps.length === 1 && ps[0]!.kind === 'any' ? 'ANY' : ps.map(particle).join(' '));
  }
  const header =
    syntax === 'ubl'
      ? [
          '// Content models of the OASIS UBL 2.1 schemas (UBL 2.1 OS, 4 November 2013: xsd/maindoc/UBL-Invoice-2.1.xsd,',
          '// UBL-CreditNote-2.1.xsd and xsd/common/), for every type reachable from Invoice and CreditNote.',
          '// Derived by scripts/xsd-content-models.ts (do not edit by hand) from',
          `// ${source}.`,
          '// Copyright (c) OASIS Open 2013. All Rights Reserved. Derived under the OASIS IPR Policy, which allows',
          '// derivative works that assist in the implementation of an OASIS specification.',
        ]
      : [
          '// Content models of the UN/CEFACT Cross Industry Invoice D16B schemas (CrossIndustryInvoice_100pD16B.xsd and',
          '// the ReusableAggregateBusinessInformationEntity, QualifiedDataType, UnqualifiedDataType modules, the',
          '// "D16B SCRDM (Subset)" set that CEN/TC 434 publishes for EN 16931), for every type reachable from',
          '// CrossIndustryInvoice. Derived by scripts/xsd-content-models.ts (do not edit by hand) from',
          `// ${source}.`,
          '//',
          '// Copyright (C) UN/CEFACT (2016). All Rights Reserved.',
          '// This document and translations of it may be copied and furnished to others, and derivative works that',
          '// comment on or otherwise explain it or assist in its implementation may be prepared, copied, published',
          '// and distributed, in whole or in part, without restriction of any kind, provided that the above copyright',
          '// notice and this paragraph are included on all such copies and derivative works. However, this document',
          '// itself may not be modified in any way, such as by removing the copyright notice or references to',
          '// UN/CEFACT, except as needed for the purpose of developing UN/CEFACT specifications, in which case the',
          '// procedures for copyrights defined in the UN/CEFACT Intellectual Property Rights document must be',
          '// followed, or as required to translate it into languages other than English.',
        ];
  const str = (s: string) => JSON.stringify(s).replace(/'/g, "\\'").replace(/^"|"$/g, "'");
  const obj = (m: Iterable<readonly [string, string]>) =>
    `{\n${[...m].map(([k, v]) => `  ${str(k)}: ${str(v)},`).join('\n')}\n}`;
  const name = syntax === 'ubl' ? 'UBL_2_1' : 'CII_D16B';
  return [
    ...header,
    "import type { SchemaTables } from './tables.ts';",
    '',
    `export const ${name}: SchemaTables = {`,
    `prefixes: ${obj([...prefixOf].map(([ns, p]) => [p, ns] as const))},`,
    `roots: ${obj(rootIds)},`,
    `elements: ${obj([...elementTypes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))},`,
    `leaves: ${obj([...leaves].map(([k, s]) => [k, [...s].sort().join(' ')] as const))},`,
    `types: ${obj(types)},`,
    '};',
    '',
  ].join('\n');
}

const [syntax, dir, source] = process.argv.slice(2);
if ((syntax !== 'ubl' && syntax !== 'cii') || !dir || !source) {
  console.error('usage: tsx scripts/xsd-content-models.ts ubl|cii DIR "source note"');
  process.exit(2);
}
process.stdout.write(generate(syntax, dir, source));
