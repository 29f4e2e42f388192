import type { XmlElement } from '../../xml/index.ts';
import type { Facts } from '../facts/types.ts';
import type { Out } from '../out.ts';
import { CII_D16B } from '../schema/cii-d16b.ts';
import { compileSchema, type ComplexType, type ElementDecl, type Leaf, type Particle } from '../schema/tables.ts';
import { UBL_2_1 } from '../schema/ubl-2.1.ts';
import type { Visitor } from '../walk.ts';

/**
 * Schema-level checks (rule ids UBL-XSD and CII-XSD): what the official XML schemas reject and the Schematron
 * rules cannot see. Every element is checked against the content model of its type, taken from the UBL 2.1 and
 * CII D16B schemas (schema/ubl-2.1.ts, schema/cii-d16b.ts, derived from the XSDs): children unknown, out of
 * order, repeated beyond their maximum or missing although mandatory, text in an element that holds only
 * elements, attributes the schema requires, and leaf values that are not of their XML datatype (decimals,
 * dates, times, booleans). The contents of extension wildcards (ext:ExtensionContent) are not checked.
 */

const UBL = compileSchema(UBL_2_1);
const CII = compileSchema(CII_D16B);

const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const TZ = '(Z|[+-]\\d{2}:\\d{2})?';
const DAY = '-?\\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const CLOCK = '(([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?|24:00:00(\\.0+)?)';
const DATE = new RegExp(`^\\s*${DAY}${TZ}\\s*$`);
const TIME = new RegExp(`^\\s*${CLOCK}${TZ}\\s*$`);
const DATE_TIME = new RegExp(`^\\s*${DAY}T${CLOCK}${TZ}\\s*$`);
const BOOLEAN = /^\s*(true|false|1|0)\s*$/;

const DATATYPE: Partial<Record<Leaf['kind'], readonly [RegExp, string]>> = {
  decimal: [DECIMAL, 'un nombre décimal'],
  date: [DATE, 'une date AAAA-MM-JJ'],
  time: [TIME, 'une heure hh:mm:ss'],
  dateTime: [DATE_TIME, 'une date et heure AAAA-MM-JJThh:mm:ss'],
  boolean: [BOOLEAN, 'un indicateur true/false'],
};

const names = (p: Particle): string => p.elements.map((e) => e.local).join(' ou ');

function matching(p: Particle | undefined, c: XmlElement): ElementDecl | undefined {
  if (!p) return undefined;
  for (const e of p.elements) if (e.local === c.local && e.ns === c.ns) return e;
  return undefined;
}

/** The particle of the content model that holds this child, and its declaration. */
function lookup(type: ComplexType, c: XmlElement): readonly [number, ElementDecl] | undefined {
  const candidates = type.byName.get(c.local);
  if (candidates) for (const x of candidates) if (x[1].ns === c.ns) return x;
  return undefined;
}

/** Checks the children of an element of complex type; records the type of each child it recognises. */
function checkContent(el: XmlElement, type: ComplexType, rule: string, out: Out, types: Map<XmlElement, Decl>): void {
  const fail = (at: XmlElement, what: string) => out.fatal(rule, '', at, `Structure non conforme au schéma : ${what}.`);
  if (el.text.trim() !== '')
    fail(el, `l'élément ${el.local} ne contient que des éléments, pas de texte (« ${el.text.trim().slice(0, 40)} »)`);
  const ps = type.particles;
  const n = ps.length;
  /** Particles passed over while still below their minimum, reported at the end unless found misplaced. */
  const missing: Particle[] = [];
  // The schemas are deterministic sequences where a name belongs to one particle: a child matches the current
  // particle or a later one, or it is out of order (an earlier one) or unknown.
  let i = 0;
  let count = 0;
  for (const c of el.children) {
    const found = lookup(type, c);
    if (!found) {
      fail(c, `l'élément ${c.local} n'est pas autorisé dans ${el.local}`);
      continue;
    }
    const [j, decl] = found;
    types.set(c, decl.type);
    if (j < i) {
      fail(c, `l'élément ${c.local} est mal placé dans ${el.local} (ordre des éléments)`);
      continue;
    }
    if (j > i) {
      if (count < ps[i]!.min) missing.push(ps[i]!);
      for (let m = i + 1; m < j; m++) if (ps[m]!.min > 0) missing.push(ps[m]!);
      i = j;
      count = 0;
    }
    count++;
    if (count > ps[j]!.max)
      fail(c, `l'élément ${c.local} ne peut figurer qu'une fois dans ${el.local} (cardinalité 0..1 ou 1..1)`);
  }
  if (i < n && count < ps[i]!.min) missing.push(ps[i]!);
  for (let m = i + 1; m < n; m++) if (ps[m]!.min > 0) missing.push(ps[m]!);
  for (const p of missing) {
    if (el.children.some((c) => matching(p, c))) continue; // present but misplaced: already reported
    fail(el, `l'élément ${names(p)} est obligatoire dans ${el.local}`);
  }
}

function checkLeaf(el: XmlElement, leaf: Leaf, rule: string, out: Out): void {
  const first = el.children[0];
  if (first) {
    out.fatal(
      rule,
      '',
      first,
      `Structure non conforme au schéma : l'élément ${first.local} n'est pas autorisé dans ${el.local} (valeur simple attendue).`,
    );
    return;
  }
  for (const a of leaf.requiredAttributes) {
    if (!el.attrs.has(a))
      out.fatal(rule, '', el, `Structure non conforme au schéma : l'attribut ${a} est obligatoire sur ${el.local}.`);
  }
  const check = DATATYPE[leaf.kind];
  if (check && !check[0].test(el.text)) {
    out.fatal(
      rule,
      '',
      el,
      `Valeur non conforme au schéma : ${el.local} doit être ${check[1]} (valeur « ${el.text.trim()} »).`,
    );
  }
}

type Decl = ElementDecl['type'];

export function schemaVisitor(f: Facts, out: Out): Visitor {
  const rule = f.syntax === 'UBL' ? 'UBL-XSD' : 'CII-XSD';
  const schema = f.syntax === 'UBL' ? UBL : CII;
  /** The type of every element recognised so far; an element reaches the walk after its parent. */
  const types = new Map<XmlElement, Decl>();
  const rootType = schema.roots.get(`{${f.root.ns}}${f.root.local}`);
  if (rootType) types.set(f.root, rootType);
  return {
    visit: (el) => {
      const type = types.get(el);
      if (type === undefined) return;
      types.delete(el);
      if (type.leaf) checkLeaf(el, type, rule, out);
      else if (!type.any) checkContent(el, type, rule, out, types);
    },
  };
}
