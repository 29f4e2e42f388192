// The contribution grid: tiers by population with their validity dates. The grid is data the operator keeps;
// DEFAULT_GRID is what the hub seeds until the deliberation's grid replaces it (research note §8.1: not found).
import { compareDates, type CalendarDate } from '../../platform/calendar/index.ts';

export interface Tier {
  id: string;
  label: string;
  minPopulation: number;
  /** Inclusive; null for the open last tier. */
  maxPopulation: number | null;
  /** Decimal text, euros. */
  amount: string;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  isDefault: boolean;
}

export type NewTier = Omit<Tier, 'id'>;

/** 400 € for the smallest community of communes, 30,000 € for a métropole; to replace by the deliberation's. */
export const DEFAULT_GRID: readonly NewTier[] = [
  { label: 'Moins de 10 000 habitants', minPopulation: 0, maxPopulation: 9_999, amount: '400.00' },
  { label: 'De 10 000 à 19 999 habitants', minPopulation: 10_000, maxPopulation: 19_999, amount: '1000.00' },
  { label: 'De 20 000 à 49 999 habitants', minPopulation: 20_000, maxPopulation: 49_999, amount: '3000.00' },
  { label: 'De 50 000 à 99 999 habitants', minPopulation: 50_000, maxPopulation: 99_999, amount: '8000.00' },
  { label: 'De 100 000 à 199 999 habitants', minPopulation: 100_000, maxPopulation: 199_999, amount: '15000.00' },
  { label: '200 000 habitants et plus', minPopulation: 200_000, maxPopulation: null, amount: '30000.00' },
].map((t) => ({ ...t, validFrom: '2026-01-01', validTo: null, isDefault: true }));

/** In force on `day`: validFrom ≤ day ≤ validTo. */
export function tierInForce(tier: Pick<Tier, 'validFrom' | 'validTo'>, day: CalendarDate): boolean {
  return compareDates(tier.validFrom, day) <= 0 && (tier.validTo === null || compareDates(day, tier.validTo) <= 0);
}

export const tierContains = (tier: Pick<Tier, 'minPopulation' | 'maxPopulation'>, population: number): boolean =>
  population >= tier.minPopulation && (tier.maxPopulation === null || population <= tier.maxPopulation);

/** The tier in force on `day` for `population`; null when the grid leaves a gap. */
export function tierFor<T extends Tier>(tiers: readonly T[], population: number, day: CalendarDate): T | null {
  return tiers.find((t) => tierInForce(t, day) && tierContains(t, population)) ?? null;
}

const overlapsInTime = (a: Tier | NewTier, b: Tier | NewTier): boolean =>
  (a.validTo === null || compareDates(b.validFrom, a.validTo) <= 0) &&
  (b.validTo === null || compareDates(a.validFrom, b.validTo) <= 0);

const overlapsInPopulation = (a: Tier | NewTier, b: Tier | NewTier): boolean =>
  (a.maxPopulation === null || b.minPopulation <= a.maxPopulation) &&
  (b.maxPopulation === null || a.minPopulation <= b.maxPopulation);

/** A tier that would overlap another one in force at the same time and for the same populations, or null. */
export function overlappingTier<T extends Tier>(tiers: readonly T[], candidate: NewTier, ignoreId?: string): T | null {
  return (
    tiers.find((t) => t.id !== ignoreId && overlapsInTime(t, candidate) && overlapsInPopulation(t, candidate)) ?? null
  );
}

export function populationBounds(tier: Pick<Tier, 'minPopulation' | 'maxPopulation'>): string {
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  return tier.maxPopulation === null
    ? `${fmt(tier.minPopulation)} et plus`
    : `${fmt(tier.minPopulation)} à ${fmt(tier.maxPopulation)}`;
}
