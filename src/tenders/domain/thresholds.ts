// The 2026 thresholds (HT), dated rows: the applicable one is chosen by the launch date of the consultation,
// never by today's date (tenders-and-billing.md §4, THR-01).
import Decimal from 'decimal.js';
import type { CalendarDate } from '../../platform/calendar/index.ts';

/** eForms contract-nature: works, supplies, services. */
export const CONTRACT_NATURES = ['works', 'supplies', 'services'] as const;
export type ContractNature = (typeof CONTRACT_NATURES)[number];
export const CONTRACT_NATURE_LABELS: Record<ContractNature, string> = {
  works: 'Travaux',
  supplies: 'Fournitures',
  services: 'Services',
};

export type ThresholdRule =
  /** At or above: a formalised procedure is required (collectivities: « autres pouvoirs adjudicateurs »). */
  | 'formalised'
  /** Below: no publicity nor competition needed (besoin de faible montant, R. 2122-8). */
  | 'no_competition';

export interface Threshold {
  rule: ThresholdRule;
  /** Natures the row applies to. */
  natures: readonly ContractNature[];
  /** Amount HT in euros, exact decimal text. */
  value: string;
  validFrom: CalendarDate;
  validTo?: CalendarDate;
  text: string;
}

export const THRESHOLDS: readonly Threshold[] = [
  {
    rule: 'formalised',
    natures: ['supplies', 'services'],
    value: '221000',
    validFrom: '2024-01-01',
    validTo: '2025-12-31',
    text: 'Règlement délégué (UE) 2023/2497',
  },
  {
    rule: 'formalised',
    natures: ['supplies', 'services'],
    value: '216000',
    validFrom: '2026-01-01',
    text: 'Règlement délégué (UE) 2025/2152 ; avis du 26 décembre 2025 (annexe 2 du CCP)',
  },
  {
    rule: 'formalised',
    natures: ['works'],
    value: '5538000',
    validFrom: '2024-01-01',
    validTo: '2025-12-31',
    text: 'Règlement délégué (UE) 2023/2497',
  },
  {
    rule: 'formalised',
    natures: ['works'],
    value: '5404000',
    validFrom: '2026-01-01',
    text: 'Règlement délégué (UE) 2025/2152',
  },
  {
    rule: 'no_competition',
    natures: ['works'],
    value: '100000',
    validFrom: '2026-01-01',
    text: 'CCP R. 2122-8 (décret n° 2025-1386 du 29 décembre 2025)',
  },
  {
    rule: 'no_competition',
    natures: ['supplies', 'services'],
    value: '40000',
    validFrom: '2020-01-01',
    validTo: '2026-03-31',
    text: 'CCP R. 2122-8 (décret n° 2019-1344)',
  },
  {
    rule: 'no_competition',
    natures: ['supplies', 'services'],
    value: '60000',
    validFrom: '2026-04-01',
    text: 'CCP R. 2122-8 (décret n° 2025-1386 du 29 décembre 2025)',
  },
];

export function thresholdFor(rule: ThresholdRule, nature: ContractNature, launchDate: CalendarDate): Threshold | null {
  return (
    THRESHOLDS.find(
      (t) =>
        t.rule === rule &&
        t.natures.includes(nature) &&
        t.validFrom <= launchDate &&
        (t.validTo === undefined || launchDate <= t.validTo),
    ) ?? null
  );
}

/** True when `amount` (HT, decimal text) is at or above the threshold. */
export const reaches = (amount: string, threshold: Threshold): boolean =>
  new Decimal(amount).greaterThanOrEqualTo(threshold.value);
