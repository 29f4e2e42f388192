// The create form's refusals placed on the page's inputs, and the late answers to the prefecture's letters.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { invalidField } from '../create/act-input.ts';
import { answerLate, awaitsAnswer } from '../domain/letter-answers.ts';
import { metadataOf, problemOf } from './act-form.ts';

describe('act form', () => {
  it('ties a refusal to the input it names, an annex by its row on the page', () => {
    const annexes = [{ row: 2 }, { row: 5 }];
    expect(problemOf(invalidField('number', 'numéro invalide'), annexes)).toEqual({
      field: 'numero',
      message: 'numéro invalide',
    });
    expect(problemOf(invalidField('annexes[1]', 'pas un PDF'), annexes)).toEqual({
      field: 'annexe-5',
      message: 'pas un PDF',
    });
    expect(problemOf(invalidField('annexTypes[0]', 'typologie'), annexes).field).toBe('typologie-annexe-2');
    const duplicate = new AppError('DUPLICATE_ACT_NUMBER', 'number : déjà utilisé', 409, { field: 'number' });
    expect(problemOf(duplicate, annexes).field).toBe('numero');
    expect(problemOf(new AppError('CLASSIFICATION_MISSING', 'Aucune classification', 409), []).field).toBe('');
  });

  it('gives each annex the typology of its own row', () => {
    const values = { nature: '1', typologie_document: '', typologie_annexe_2: '70_DE', typologie_annexe_5: '' };
    const m = metadataOf(values, [{ row: 2 }, { row: 5 }], undefined);
    expect(m.annexTypes).toEqual(['70_DE', undefined]);
    expect(m.documentType).toBeUndefined();
  });
});

describe('late answers', () => {
  const now = new Date('2026-03-31T10:00:00Z');
  const day = 86_400_000;
  it('flags a letter awaiting a reply 30 days after it arrived, never one answered or a 5-1', () => {
    const letter = (code: string, daysAgo: number, answered = false) => ({
      code,
      receivedAt: new Date(now.getTime() - daysAgo * day),
      replyRequestedAt: answered ? now : null,
    });
    expect(answerLate(letter('4-1', 29), now)).toBe(false);
    expect(answerLate(letter('4-1', 31), now)).toBe(true);
    expect(answerLate(letter('3-1', 40, true), now)).toBe(false);
    expect(answerLate(letter('5-1', 40), now)).toBe(false);
    expect(awaitsAnswer(letter('2-1', 1))).toBe(true);
  });
});
