import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFormatError } from '../errors.ts';
import { readInvoice } from '../read.ts';
import { isValid, validate } from './index.ts';

/**
 * The shared corpus of real invoices, each with the verdict and the exact set of fatal rule ids the
 * official EN 16931 rules (artefacts 1.3.16) report. Schema-level findings (UBL-XSD / CII-XSD) count
 * for the verdict but are not part of the official rule sets.
 */
const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const SCHEMA_RULES = new Set(['UBL-XSD', 'CII-XSD']);

interface Row {
  file: string;
  expected: string;
  rules: string[];
}

function manifest(): Row[] {
  const text = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8');
  const [header, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const iFile = cols.indexOf('file');
  const iExpected = cols.indexOf('expected');
  const iRules = cols.indexOf('expected_rules');
  return lines.map((l) => {
    const c = l.split('\t');
    const rules = (c[iRules] ?? '').trim();
    return {
      file: c[iFile] ?? '',
      expected: (c[iExpected] ?? '').trim(),
      rules: rules === '' ? [] : rules.split(/\s+/).sort(),
    };
  });
}

interface Outcome {
  verdict: string;
  rules: string[];
}

async function run(file: string): Promise<Outcome> {
  const bytes = new Uint8Array(readFileSync(join(CORPUS, file)));
  try {
    const read = await readInvoice(bytes);
    const violations = validate(read);
    const rules = [
      ...new Set(violations.filter((v) => v.severity === 'fatal' && !SCHEMA_RULES.has(v.rule)).map((v) => v.rule)),
    ].sort();
    return { verdict: isValid(violations) ? 'valid' : 'invalid', rules };
  } catch (e) {
    if (isFormatError(e, 'UNSUPPORTED_ZUGFERD1')) return { verdict: 'unsupported', rules: [] };
    if (isFormatError(e)) return { verdict: 'invalid', rules: [] };
    throw e;
  }
}

const rows = manifest();
const disagreements: string[] = [];
let agree = 0;

describe('corpus', () => {
  afterAll(() => {
    console.log(`corpus: ${agree}/${rows.length} files agree`);
    for (const d of disagreements) console.log(`  ${d}`);
  });

  for (const row of rows) {
    it(row.file, async () => {
      let got: Outcome;
      try {
        got = await run(row.file);
      } catch (e) {
        disagreements.push(`${row.file}: ${(e as Error).message}`);
        throw e;
      }
      const same = got.verdict === row.expected && got.rules.join(' ') === row.rules.join(' ');
      if (same) agree++;
      else {
        const missing = row.rules.filter((r) => !got.rules.includes(r));
        const extra = got.rules.filter((r) => !row.rules.includes(r));
        disagreements.push(
          `${row.file}: expected ${row.expected}, got ${got.verdict}; missing [${missing.join(' ')}] extra [${extra.join(' ')}]`,
        );
      }
      expect({ verdict: got.verdict, rules: got.rules }).toEqual({ verdict: row.expected, rules: row.rules });
    });
  }
});
