// The procedures of the DECP 2.0.3 list (schema enum `procedure`, spelled exactly), with the minimum delays for the
// receipt of offers that publication checks (CCP R. 2161-2 to R. 2161-24 as read in peers-and-law.md §11).
import type { CalendarDate } from '../../platform/calendar/index.ts';

export const PROCEDURES = [
  'Procédure adaptée',
  "Appel d'offres ouvert",
  "Appel d'offres restreint",
  'Procédure avec négociation',
  'Marché passé sans publicité ni mise en concurrence préalable',
  'Dialogue compétitif',
] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const isProcedure = (value: string): value is Procedure => (PROCEDURES as readonly string[]).includes(value);

/** What shortens the minimum delay of a formalised procedure. */
export interface DelayCircumstances {
  /** Bids are received electronically (always true on this platform, kept explicit for the rule). */
  electronicSubmission: boolean;
  /** A prior information notice was published (avis de préinformation). */
  priorInformationNotice: boolean;
  /** The buyer justified an urgency. */
  justifiedUrgency: boolean;
}

/** One minimum-delay rule, dated: the applicable row is chosen by the launch date of the consultation. */
export interface MinimumDelayRule {
  procedure: Procedure;
  /** Days from the day after sending the notice to the deadline day (délai franc). */
  days: number;
  /** The circumstance that gives this value; absent for the base value. */
  when?: 'electronic' | 'notice_or_urgency';
  text: string;
  validFrom: CalendarDate;
  validTo?: CalendarDate;
}

export const MINIMUM_DELAYS: readonly MinimumDelayRule[] = [
  { procedure: "Appel d'offres ouvert", days: 35, text: 'CCP R. 2161-2', validFrom: '2019-04-01' },
  {
    procedure: "Appel d'offres ouvert",
    days: 30,
    when: 'electronic',
    text: 'CCP R. 2161-3 2°',
    validFrom: '2019-04-01',
  },
  {
    procedure: "Appel d'offres ouvert",
    days: 15,
    when: 'notice_or_urgency',
    text: 'CCP R. 2161-3 1° et 3°',
    validFrom: '2019-04-01',
  },
  // Offers after selection; the candidatures phase (30 days, R. 2161-6) is not run on this platform yet.
  { procedure: "Appel d'offres restreint", days: 30, text: 'CCP R. 2161-8', validFrom: '2019-04-01' },
  {
    procedure: "Appel d'offres restreint",
    days: 25,
    when: 'electronic',
    text: 'CCP R. 2161-8',
    validFrom: '2019-04-01',
  },
  {
    procedure: "Appel d'offres restreint",
    days: 10,
    when: 'notice_or_urgency',
    text: 'CCP R. 2161-8',
    validFrom: '2019-04-01',
  },
  { procedure: 'Procédure avec négociation', days: 30, text: 'CCP R. 2161-15', validFrom: '2019-04-01' },
  {
    procedure: 'Procédure avec négociation',
    days: 25,
    when: 'electronic',
    text: 'CCP R. 2161-15',
    validFrom: '2019-04-01',
  },
  { procedure: 'Dialogue compétitif', days: 30, text: 'CCP R. 2161-24', validFrom: '2019-04-01' },
];

/** The shortest delay the law allows this consultation: null when the law sets none (MAPA: « raisonnable »). */
export function minimumDelay(
  procedure: Procedure,
  circumstances: DelayCircumstances,
  launchDate: CalendarDate,
): MinimumDelayRule | null {
  const rows = MINIMUM_DELAYS.filter(
    (r) =>
      r.procedure === procedure && r.validFrom <= launchDate && (r.validTo === undefined || launchDate <= r.validTo),
  );
  const applies = (r: MinimumDelayRule) =>
    r.when === undefined ||
    (r.when === 'electronic' && circumstances.electronicSubmission) ||
    (r.when === 'notice_or_urgency' && (circumstances.priorInformationNotice || circumstances.justifiedUrgency));
  const applicable = rows.filter(applies);
  if (applicable.length === 0) return null;
  return applicable.reduce((a, b) => (b.days < a.days ? b : a));
}

/** Formalised procedures are those of the EU thresholds; the others are below them or without competition. */
export const isFormalised = (p: Procedure): boolean => p !== 'Procédure adaptée' && p !== PROCEDURES[4];
