// The official DECP 2.0.3 schema as the checker of last resort: the official example passes; a document with an
// extra property, a missing required field or a value outside an enumeration does not, each named at its place.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { officialDecpIssues } from './official-schema.ts';

const example = (): { marches: { marche: Record<string, unknown>[] } } =>
  JSON.parse(
    readFileSync(
      new URL('../../../test/tenders/fixtures/decp-marches_avec_modifications.json', import.meta.url),
      'utf8',
    ),
  );

describe('the official DECP 2.0.3 schema', () => {
  it('accepts the official example of a contract with modifications', () => {
    expect(officialDecpIssues(example())).toEqual([]);
  });

  it('refuses an extra property, a missing required field and a value outside its enumeration', () => {
    const extra = example();
    extra.marches.marche[0]!['commentaire'] = 'pas dans le schéma';
    expect(officialDecpIssues(extra)).toContainEqual({
      path: '/marches/marche/0',
      message: expect.stringContaining('(commentaire)'),
    });

    const missing = example();
    delete missing.marches.marche[0]!['dureeMois'];
    expect(officialDecpIssues(missing).map((i) => i.message)).toContainEqual(expect.stringContaining('dureeMois'));

    const outside = example();
    outside.marches.marche[0]!['formePrix'] = 'Au petit bonheur';
    expect(officialDecpIssues(outside)).toContainEqual({
      path: '/marches/marche/0/formePrix',
      message: expect.stringContaining('enum'),
    });
  });

  it('refuses a document with neither contracts nor concessions', () => {
    expect(officialDecpIssues({ marches: {} })).not.toEqual([]);
  });
});
