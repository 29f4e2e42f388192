// The legal payment delay of a public buyer, from its kind (Code de la commande publique R.2192-10 and R.2192-11,
// formerly décret 2013-269 art. 1), unless the operator has set another one on the structure.
import type { StructureKind } from './kinds.ts';

/** R.2192-10: the State, collectivities and their local public establishments. */
export const DEFAULT_PAYMENT_DELAY_DAYS = 30;
/** R.2192-11 1°: établissements publics de santé (and the armed forces' health service, which the hub does not hold). */
export const PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS = 50;

/** Bounds of an operator's override: at least a day, at most the longest legal delay (60 days, R.2192-11 2°). */
export const MIN_PAYMENT_DELAY_DAYS = 1;
export const MAX_PAYMENT_DELAY_DAYS = 60;

/**
 * The delay the law gives a kind. An EHPAD run by a hospital is part of that hospital (same legal person, same
 * SIREN): it is invoiced as the hospital and gets 50 days. An autonomous public EHPAD is a local public
 * établissement social et médico-social, not an établissement public de santé: 30 days.
 */
export function legalPaymentDelayDays(kind: StructureKind): number {
  return kind === 'etablissement_public_sante' ? PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS : DEFAULT_PAYMENT_DELAY_DAYS;
}

/** The delay that applies to a structure: the operator's override when set, otherwise the kind's legal delay. */
export function paymentDelayDays(structure: { kind: StructureKind; paymentDelayOverrideDays: number | null }): number {
  return structure.paymentDelayOverrideDays ?? legalPaymentDelayDays(structure.kind);
}

/** True when `days` is an override the directory accepts. */
export const isValidPaymentDelay = (days: number): boolean =>
  Number.isInteger(days) && days >= MIN_PAYMENT_DELAY_DAYS && days <= MAX_PAYMENT_DELAY_DAYS;
