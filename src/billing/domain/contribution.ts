// The contribution of one member for one year: its tier from the population at 1 January (or its own amount),
// the pro rata of the days it belonged, the VAT of its product. Pure; every amount is decimal text.
import Decimal from 'decimal.js';
import type { CalendarDate } from '../../platform/calendar/index.ts';
import { tierFor, type Tier } from './grid.ts';
import { missingReferences, type BillableMember } from './member.ts';
import { firstDayOf, membershipDays, proRata } from './pro-rata.ts';
import { VAT_TREATMENTS, type VatRegime } from './vat.ts';

/** What the amount was computed from, stored with the contribution and shown in the run. */
export interface ContributionLine {
  tierId: string | null;
  tierLabel: string | null;
  population: number | null;
  /** Yearly amount before pro rata. */
  fullAmount: string;
  billedDays: number;
  yearDays: number;
  from: CalendarDate;
  to: CalendarDate;
  /** Amount without VAT (BT-109). */
  amount: string;
  vatRegime: VatRegime;
  vatAmount: string;
  totalAmount: string;
  serviceCode: string | null;
  engagementNumber: string | null;
}

export type ContributionResult =
  { kind: 'line'; line: ContributionLine } | { kind: 'blocked'; message: string } | { kind: 'not_member' };

export function computeContribution(member: BillableMember, tiers: readonly Tier[], year: number): ContributionResult {
  const days = membershipDays(year, member.joinedOn, member.leftOn);
  if (!days) return { kind: 'not_member' };
  const problems: string[] = [];
  if (!member.siret) problems.push(`${member.name} n’a pas d’établissement principal (SIRET) dans l’annuaire`);
  problems.push(...missingReferences(member));

  let tier: Tier | null = null;
  let fullAmount: string | null = member.ownAmount;
  if (fullAmount === null) {
    if (member.population === null)
      problems.push(`la population de ${member.name} au 1er janvier ${year} est inconnue de l’annuaire`);
    else {
      tier = tierFor(tiers, member.population, firstDayOf(year));
      if (!tier)
        problems.push(
          `aucune tranche de la grille en vigueur au 1er janvier ${year} ne couvre ${member.population.toLocaleString('fr-FR')} habitants`,
        );
      else fullAmount = tier.amount;
    }
  }
  if (problems.length > 0 || fullAmount === null)
    return { kind: 'blocked', message: capitalize(problems.join(' ; ')) + '.' };

  const amount = proRata(fullAmount, days);
  const treatment = VAT_TREATMENTS[member.vatRegime];
  const vatAmount =
    treatment.rate === null
      ? '0.00'
      : new Decimal(amount).times(treatment.rate).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return {
    kind: 'line',
    line: {
      tierId: tier?.id ?? null,
      tierLabel: tier?.label ?? null,
      population: member.population,
      fullAmount: new Decimal(fullAmount).toFixed(2),
      billedDays: days.billedDays,
      yearDays: days.yearDays,
      from: days.from,
      to: days.to,
      amount,
      vatRegime: member.vatRegime,
      vatAmount,
      totalAmount: new Decimal(amount).plus(vatAmount).toFixed(2),
      serviceCode: member.serviceCode?.trim() || null,
      engagementNumber: member.engagementNumber?.trim() || null,
    },
  };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Sums by tier label (members with an amount of their own under « Montant propre »), in decimal text. */
export function totalsByTier(
  lines: readonly { tierLabel: string | null; amount: string | null; totalAmount?: string | null }[],
): { tier: string; members: number; amount: string; totalAmount: string }[] {
  const sums = new Map<string, { members: number; amount: Decimal; total: Decimal }>();
  for (const l of lines) {
    if (l.amount === null) continue;
    const key = l.tierLabel ?? 'Montant propre';
    const s = sums.get(key) ?? { members: 0, amount: new Decimal(0), total: new Decimal(0) };
    s.members += 1;
    s.amount = s.amount.plus(l.amount);
    s.total = s.total.plus(l.totalAmount ?? l.amount);
    sums.set(key, s);
  }
  return [...sums].map(([tier, s]) => ({
    tier,
    members: s.members,
    amount: s.amount.toFixed(2),
    totalAmount: s.total.toFixed(2),
  }));
}
