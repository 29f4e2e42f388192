import { describe, expect, it } from 'vitest';
import {
  documentTitle,
  formatAmount,
  formatDate,
  formatDecimal,
  formatPercent,
  identifierText,
  unitLabel,
} from './french.ts';

const NBSP = '\u00a0';

describe('French formatting', () => {
  it('formats decimal strings without floats', () => {
    expect(formatDecimal('1234.5', 2)).toBe(`1${NBSP}234,50`);
    expect(formatDecimal('1234567.891')).toBe(`1${NBSP}234${NBSP}567,891`);
    expect(formatDecimal('0.1', 2)).toBe('0,10');
    expect(formatDecimal('-3', 2)).toBe('-3,00');
    expect(formatDecimal('-0.00', 2)).toBe('0,00');
    expect(formatDecimal('+007.25')).toBe('7,25');
    expect(formatDecimal('.5', 2)).toBe('0,50');
    // Beyond float precision: kept exactly.
    expect(formatDecimal('123456789012345678.99')).toBe(`123${NBSP}456${NBSP}789${NBSP}012${NBSP}345${NBSP}678,99`);
    expect(formatDecimal('abc')).toBe('abc');
    expect(formatDecimal(undefined)).toBe('');
  });

  it('formats amounts, rates and dates', () => {
    expect(formatAmount('1883.25', 'EUR')).toBe(`1${NBSP}883,25${NBSP}€`);
    expect(formatAmount('10', 'CHF')).toBe(`10,00${NBSP}CHF`);
    expect(formatAmount(undefined, 'EUR')).toBe('');
    expect(formatPercent('5.5')).toBe(`5,5${NBSP}%`);
    expect(formatDate('2026-03-15')).toBe('15/03/2026');
    expect(formatDate('20260315')).toBe('20260315');
  });

  it('names codes in French', () => {
    expect(documentTitle('381')).toBe('Avoir');
    expect(documentTitle('999')).toBe('Facture (type 999)');
    expect(unitLabel('HUR')).toBe('heure');
    expect(unitLabel('XYZ')).toBe('XYZ');
    expect(identifierText({ value: '21690204500013', schemeId: '0009' })).toBe('21690204500013 (SIRET)');
    expect(identifierText({ value: 'x', schemeId: '9999' })).toBe('x (schéma 9999)');
  });
});
