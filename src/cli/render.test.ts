import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './render.ts';
import { corpusAvailable } from '../../formats/testing/corpus.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = corpusAvailable();
const dir = mkdtempSync(join(tmpdir(), 'hub-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('hub render', () => {
  it.each([[[]], [['one.xml']], [['a', 'b', 'c']], [['--landscape', 'a', 'b']]])(
    '%j is a usage error (exit 2)',
    async (argv) => {
      const { code, err } = await call(argv);
      expect(code).toBe(2);
      expect(err).toContain('Usage : hub render');
    },
  );

  it('reports an unreadable input (exit 1)', async () => {
    const input = join(dir, 'bad.xml');
    writeFileSync(input, 'pas une facture');
    const { code, err } = await call([input, join(dir, 'bad.pdf')]);
    expect(code).toBe(1);
    expect(err).toMatch(/\[[A-Z_]+\]/);
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
  });

  it.skipIf(!hasCorpus)('renders a UBL invoice and a Factur-X PDF', async () => {
    for (const input of [
      `${CORPUS}ubl/valid/akr__ubl-21-en16931.xml`,
      `${CORPUS}facturx/zfc__Facture_FR_BASICWL.pdf`,
    ]) {
      const output = join(dir, 'out.pdf');
      const { code, out, err } = await call([input, output]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('→');
      const pdf = readFileSync(output);
      expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
      expect(pdf.length).toBeGreaterThan(5000);
    }
  });
});
