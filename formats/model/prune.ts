/**
 * Returns a copy of the object without the keys whose value is undefined (shallow), so that read models
 * only hold present terms. A fresh object is built (rather than deleting keys) to keep fast property access.
 */
export function prune<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** Returns the object when at least one of its values is defined (arrays: non-empty), else undefined. */
export function nonEmpty<T extends object>(o: T): T | undefined {
  for (const v of Object.values(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    return o;
  }
  return undefined;
}

/**
 * A deep copy without the strings that are empty or only white space (in objects and lists): what a reader keeps
 * from an empty source element is no value, and writers write no empty element. Structure is kept.
 */
export function withoutBlanks<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => !(typeof x === 'string' && x.trim() === '')).map(withoutBlanks) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || (typeof x === 'string' && x.trim() === '')) continue;
      out[k] = withoutBlanks(x);
    }
    return out as T;
  }
  return v;
}

/** True when a value holds no term at all (absent, or lists and objects of such values). */
export function holdsNoTerm(v: unknown): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.every(holdsNoTerm);
  if (v !== null && typeof v === 'object') return Object.values(v).every(holdsNoTerm);
  return false;
}
