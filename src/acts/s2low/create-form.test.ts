import { describe, expect, it } from 'vitest';
import { classificationOf, createMetadata, decodeField } from './create-form.ts';

// busboy with the latin1 charset hands each byte as one character.
const asReceived = (bytes: Buffer) => bytes.toString('latin1');

describe('S²LOW create form', () => {
  it('reads a field sent in ISO-8859-1 and one sent in UTF-8 alike', () => {
    expect(decodeField(asReceived(Buffer.from('Délibération', 'latin1')))).toBe('Délibération');
    expect(decodeField(asReceived(Buffer.from('Délibération’s', 'utf8')))).toBe('Délibération’s');
    expect(decodeField(undefined)).toBeUndefined();
  });

  it('joins classif1..classif5 up to the first empty level', () => {
    expect(classificationOf({ classif1: ['7'], classif2: ['1'], classif3: [''], classif4: ['2'] })).toBe('7.1');
    expect(classificationOf({})).toBe('');
  });

  it('maps Pastell’s fields to the act metadata, and requires api=1', () => {
    const fields = {
      api: ['1'],
      nature_code: ['3'],
      number: ['A2026_7'],
      subject: [asReceived(Buffer.from('Arrêté de voirie', 'latin1'))],
      decision_date: ['2026-01-15'],
      type_acte: ['99_AI'],
      type_pj: ['99_AI', '41_NC'],
      classif1: ['8'],
      classif2: ['3'],
    };
    expect(createMetadata(fields, '2026-02-01')).toEqual({
      nature: 3,
      classification: '8.3',
      number: 'A2026_7',
      decisionDate: '2026-01-15',
      object: 'Arrêté de voirie',
      documentType: '99_AI',
      annexTypes: ['99_AI', '41_NC'],
      siren: undefined,
      // Without en_attente=1 the act is sent at once, as S²LOW does.
      draft: false,
    });
    expect(createMetadata({ ...fields, en_attente: ['1'] }, '2026-02-01').draft).toBe(true);
    expect(() => createMetadata({ ...fields, api: [] }, '2026-02-01')).toThrow(/api : le paramètre api=1/);
  });
});
