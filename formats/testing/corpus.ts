// Where the shared sample corpus lies (beside the repository, never copied into it), and whether tests may use it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** True when the corpus is there. Under CI it must be: its absence fails the run instead of skipping tests. */
export function corpusAvailable(): boolean {
  if (existsSync(`${CORPUS_DIR}MANIFEST.tsv`)) return true;
  if (process.env.CI)
    throw new Error(`Corpus d'exemples introuvable (${CORPUS_DIR}) : sous CI il doit être à côté du dépôt.`);
  console.warn(`[corpus] absent (${CORPUS_DIR}): the tests that read it do not run`);
  return false;
}

/** The corpus files the official EN 16931 rules and the schemas find valid (MANIFEST column `expected`). */
export function validCorpusFiles(): string[] {
  const [header, ...rows] = readFileSync(`${CORPUS_DIR}MANIFEST.tsv`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const file = cols.indexOf('file');
  const expected = cols.indexOf('expected');
  return rows.map((r) => r.split('\t')).flatMap((c) => (c[expected]?.trim() === 'valid' ? [c[file] ?? ''] : []));
}
