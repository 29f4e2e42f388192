// The fields an operator types for a structure, checked: each refusal names its field, in French.
import { invalidInput } from '../platform/errors.ts';
import { isEpciNature, isStructureKind, type EpciNature, type StructureKind } from './domain/kinds.ts';
import { MAX_PAYMENT_DELAY_DAYS, MIN_PAYMENT_DELAY_DAYS, paymentDelayDays } from './domain/payment-delay.ts';
import { compactIdentifier, isValidSiret } from './identifiers.ts';
import { normalizeForSearch } from './normalize.ts';

/** As posted by a form: every value a string, empty when left blank. */
export interface StructureFieldsInput {
  kind: string;
  name: string;
  /** Only read for an EPCI. */
  epciNature: string;
  departementCode: string;
  /** Blank for the kind's legal delay. */
  paymentDelayOverrideDays: string;
}

export interface StructureFields {
  kind: StructureKind;
  name: string;
  searchName: string;
  epciNature: EpciNature | null;
  departementCode: string | null;
  paymentDelayOverrideDays: number | null;
  /** The delay in force: the override, or the kind's legal delay. */
  paymentDelayDays: number;
}

const refuse = (field: string, message: string) => invalidInput(message, { field });

export function checkStructureFields(input: StructureFieldsInput): StructureFields {
  const kind = input.kind.trim();
  if (!isStructureKind(kind))
    throw refuse('kind', 'Le type de structure est obligatoire : choisissez-le dans la liste.');
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 200 || normalizeForSearch(name) === '')
    throw refuse('name', 'Le nom de la structure est obligatoire (200 caractères au plus, avec des lettres).');
  let epciNature: EpciNature | null = null;
  if (kind === 'epci') {
    const nature = input.epciNature.trim().toUpperCase();
    if (!isEpciNature(nature))
      throw refuse(
        'epciNature',
        'La nature de l’EPCI est obligatoire pour un EPCI à fiscalité propre : communauté de communes, d’agglomération, urbaine ou métropole.',
      );
    epciNature = nature;
  }
  const departement = input.departementCode.trim().toUpperCase();
  if (departement !== '' && !/^([0-9]{2}|2[AB]|97[0-9])$/.test(departement))
    throw refuse(
      'departementCode',
      `Le département « ${departement} » n’est pas un code de département (ex. 35, 2A, 974).`,
    );
  const delayText = input.paymentDelayOverrideDays.trim();
  let override: number | null = null;
  if (delayText !== '') {
    const days = /^[0-9]{1,3}$/.test(delayText) ? Number(delayText) : Number.NaN;
    if (!(days >= MIN_PAYMENT_DELAY_DAYS && days <= MAX_PAYMENT_DELAY_DAYS))
      throw refuse(
        'paymentDelayOverrideDays',
        `Le délai de paiement « ${delayText} » doit être un nombre entier de jours entre ${MIN_PAYMENT_DELAY_DAYS} et ${MAX_PAYMENT_DELAY_DAYS} ; laissez-le vide pour le délai légal du type de structure.`,
      );
    override = days;
  }
  return {
    kind,
    name,
    searchName: normalizeForSearch(name),
    epciNature,
    departementCode: departement === '' ? null : departement,
    paymentDelayOverrideDays: override,
    paymentDelayDays: paymentDelayDays({ kind, paymentDelayOverrideDays: override }),
  };
}

/** The SIRET typed, without spaces, or a refusal naming it. */
export function checkSiret(value: string): string {
  const siret = compactIdentifier(value.trim());
  if (siret === '') throw refuse('siret', 'Le SIRET de l’établissement principal est obligatoire (14 chiffres).');
  if (!isValidSiret(siret))
    throw refuse(
      'siret',
      `Le SIRET « ${value.trim()} » n’est pas valide : il compte 14 chiffres, SIREN puis NIC, dont la clé de contrôle.`,
    );
  return siret;
}
