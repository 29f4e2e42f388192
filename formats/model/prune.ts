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
