/**
 * Content models of an XML schema, as derived from the official XSDs by scripts/xsd-content-models.ts
 * (ubl-2.1.ts, cii-d16b.ts), and their compiled form used by the schema-level checks.
 *
 * A content model is a sequence of particles separated by spaces: `prefix:Local` (an element whose type is
 * given by `elements`, or a leaf listed in `leaves`), `prefix:Local=TypeId` (a local element and its type),
 * `(a|b)` (a choice), each followed by its cardinality (none: exactly one, `?` optional, `*` any number,
 * `+` at least one); `ANY` stands for a wildcard whose content is not checked.
 */

export interface SchemaTables {
  /** Prefix used in the tables → namespace URI. */
  prefixes: Readonly<Record<string, string>>;
  /** Root element → type id. */
  roots: Readonly<Record<string, string>>;
  /** Global element → type id, for elements of complex type. */
  elements: Readonly<Record<string, string>>;
  /** Leaf kind (`decimal`, `date`, `time`, `dateTime`, `boolean`, `base64Binary`, `text`, then `@attr` for each
   * attribute the schema requires) → the global elements or leaf type ids of that kind, space-separated. */
  leaves: Readonly<Record<string, string>>;
  /** Type id → content model. */
  types: Readonly<Record<string, string>>;
}

export type LeafKind = 'decimal' | 'date' | 'time' | 'dateTime' | 'boolean' | 'base64Binary' | 'text';

export interface Leaf {
  readonly leaf: true;
  readonly kind: LeafKind;
  readonly requiredAttributes: readonly string[];
}

export interface ElementDecl {
  readonly ns: string;
  readonly local: string;
  readonly type: ComplexType | Leaf;
}

export interface Particle {
  /** One element, or the alternatives of a choice. */
  readonly elements: readonly ElementDecl[];
  readonly min: number;
  readonly max: number;
}

export interface ComplexType {
  readonly leaf: false;
  readonly id: string;
  /** True for a wildcard (xsd:any): the content is not checked. */
  readonly any: boolean;
  readonly particles: readonly Particle[];
  /** Local name → the particles (index, declaration) that hold an element of that name. */
  readonly byName: ReadonlyMap<string, readonly (readonly [number, ElementDecl])[]>;
}

export interface CompiledSchema {
  /** The type of a root element, by `{ns}local`. */
  readonly roots: ReadonlyMap<string, ComplexType>;
}

const CARD: Record<string, readonly [number, number]> = {
  '': [1, 1],
  '?': [0, 1],
  '*': [0, Infinity],
  '+': [1, Infinity],
};

/** Compiles the tables once: every type id becomes one shared object, so element types compare by identity. */
export function compileSchema(t: SchemaTables): CompiledSchema {
  const leafOf = new Map<string, Leaf>();
  for (const [spec, names] of Object.entries(t.leaves)) {
    const [kind, ...attrs] = spec.split('@') as [LeafKind, ...string[]];
    const leaf: Leaf = { leaf: true, kind, requiredAttributes: attrs };
    for (const n of names.split(' ')) if (n !== '') leafOf.set(n, leaf);
  }
  const types = new Map<
    string,
    ComplexType & { particles: Particle[]; byName: Map<string, (readonly [number, ElementDecl])[]> }
  >();
  for (const [id, content] of Object.entries(t.types))
    types.set(id, { leaf: false, id, any: content === 'ANY', particles: [], byName: new Map() });

  const qname = (name: string): { ns: string; local: string } => {
    const i = name.indexOf(':');
    const ns = t.prefixes[name.slice(0, i)];
    if (ns === undefined) throw new Error(`schema tables: unknown prefix in ${name}`);
    return { ns, local: name.slice(i + 1) };
  };
  const typeOf = (ref: string): ComplexType | Leaf => {
    const complex = types.get(ref);
    if (complex) return complex;
    const leaf = leafOf.get(ref);
    if (leaf) return leaf;
    throw new Error(`schema tables: unknown type ${ref}`);
  };
  const decl = (spec: string): ElementDecl => {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const type = eq < 0 ? typeOf(t.elements[name] ?? name) : typeOf(spec.slice(eq + 1));
    return { ...qname(name), type };
  };
  for (const [id, content] of Object.entries(t.types)) {
    if (content === 'ANY') continue;
    const type = types.get(id)!;
    for (const token of content.split(' ')) {
      if (token === '') continue;
      const last = token.at(-1) ?? '';
      const suffix = '?*+'.includes(last) ? last : '';
      const body = suffix === '' ? token : token.slice(0, -1);
      const [min, max] = CARD[suffix]!;
      const elements = body.startsWith('(') ? body.slice(1, -1).split('|').map(decl) : [decl(body)];
      for (const e of elements)
        type.byName.set(e.local, [...(type.byName.get(e.local) ?? []), [type.particles.length, e] as const]);
      type.particles.push({ elements, min, max });
    }
  }
  const roots = new Map<string, ComplexType>();
  for (const [name, id] of Object.entries(t.roots)) {
    const q = qname(name);
    roots.set(`{${q.ns}}${q.local}`, types.get(id)!);
  }
  return { roots };
}

/**
 * True when an element of this type may be empty (no text, no child) and still satisfy the schema: a complex
 * type whose every particle is optional. Leaves are never considered emptiable (an empty value is no value).
 */
export function emptiable(type: ComplexType | Leaf): boolean {
  return !type.leaf && (type.any || type.particles.every((p) => p.min === 0));
}
