import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalize } from '../model/testing/arbitraries.ts';
import { asCii, asUbl } from '../model/testing/forms.ts';
import { readUbl } from '../ubl/read.ts';
import { isCreditNoteType, writeUbl } from '../ubl/write.ts';
import { parseXml } from '../xml/parse.ts';
import { isCiiRoot, readCii } from './read.ts';
import { writeCii } from './write.ts';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const files = ['ubl/valid', 'ubl/invalid', 'cii/valid', 'cii/invalid'].flatMap((dir) =>
  readdirSync(new URL(dir, CORPUS)).map((f) => `${dir}/${f}`),
);

describe('conversions of every corpus XML document keep every business term', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const file of files) {
    it(file, () => {
      const root = parseXml(readFileSync(new URL(file, CORPUS)));
      const model = isCiiRoot(root) ? readCii(root).invoice : readUbl(root).invoice;
      // UBL carries the note subject code as "#CODE#text": a code containing '#' cannot be expressed.
      const ublSafe = !model.notes.some((n) => n.subjectCode?.includes('#'));
      const viaCii = readCii(parseXml(writeCii(model))).invoice;
      expect(normalize(viaCii)).toEqual(normalize(asCii(model)));
      if (ublSafe) {
        const viaUbl = readUbl(parseXml(writeUbl(model))).invoice;
        expect(normalize(viaUbl)).toEqual(normalize(asUbl(model, isCreditNoteType(model.typeCode))));
      }
    });
  }
});
