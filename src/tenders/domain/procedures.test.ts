import { describe, expect, it } from 'vitest';
import { minimumDelay, PROCEDURES } from './procedures.ts';
import { reaches, thresholdFor } from './thresholds.ts';
import { normalizeCpv } from './cpv.ts';

const plain = { electronicSubmission: false, priorInformationNotice: false, justifiedUrgency: false };

describe('procedures and their minimum delays', () => {
  it('lists the six DECP 2.0.3 procedures, spelled as the schema spells them', () => {
    expect(PROCEDURES).toEqual([
      'Procédure adaptée',
      "Appel d'offres ouvert",
      "Appel d'offres restreint",
      'Procédure avec négociation',
      'Marché passé sans publicité ni mise en concurrence préalable',
      'Dialogue compétitif',
    ]);
  });

  it('gives an open call for tenders 35 days, 30 with electronic bids, 15 with prior notice or urgency', () => {
    expect(minimumDelay("Appel d'offres ouvert", plain, '2026-05-04')?.days).toBe(35);
    expect(minimumDelay("Appel d'offres ouvert", { ...plain, electronicSubmission: true }, '2026-05-04')?.days).toBe(
      30,
    );
    const urgent = { electronicSubmission: true, priorInformationNotice: false, justifiedUrgency: true };
    expect(minimumDelay("Appel d'offres ouvert", urgent, '2026-05-04')).toMatchObject({ days: 15 });
    expect(minimumDelay("Appel d'offres ouvert", { ...plain, priorInformationNotice: true }, '2026-05-04')?.days).toBe(
      15,
    );
  });

  it('sets no legal minimum for an adapted procedure', () => {
    expect(minimumDelay('Procédure adaptée', plain, '2026-05-04')).toBeNull();
  });
});

describe('2026 thresholds, chosen by launch date', () => {
  it('uses 216 000 € for supplies from 1 January 2026 and 221 000 € before', () => {
    expect(thresholdFor('formalised', 'supplies', '2026-01-01')?.value).toBe('216000');
    expect(thresholdFor('formalised', 'supplies', '2025-12-31')?.value).toBe('221000');
    expect(thresholdFor('formalised', 'works', '2026-06-01')?.value).toBe('5404000');
  });

  it('raises the no-competition waiver for supplies to 60 000 € on 1 April 2026 only', () => {
    expect(thresholdFor('no_competition', 'services', '2026-03-31')?.value).toBe('40000');
    expect(thresholdFor('no_competition', 'services', '2026-04-01')?.value).toBe('60000');
    expect(thresholdFor('no_competition', 'works', '2026-02-01')?.value).toBe('100000');
  });

  it('compares amounts as decimals', () => {
    const t = thresholdFor('formalised', 'services', '2026-06-01')!;
    expect(reaches('215999.99', t)).toBe(false);
    expect(reaches('216000.00', t)).toBe(true);
  });
});

describe('CPV codes', () => {
  it('keeps 8 digits and drops a check digit', () => {
    expect(normalizeCpv('30192000')).toBe('30192000');
    expect(normalizeCpv(' 45112500-9 ')).toBe('45112500');
    expect(normalizeCpv('4511250')).toBeNull();
    expect(normalizeCpv('45112500-99')).toBeNull();
  });
});
