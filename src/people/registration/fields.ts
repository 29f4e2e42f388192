// Checks of what a person types to get an account: e-mail, name, SIRET (14 digits, Luhn key), company name.
import { compactIdentifier, isValidSiret, normalizeForSearch } from '../../directory/index.ts';
import { invalidInput } from '../../platform/errors.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const refuse = (field: string, message: string) => invalidInput(message, { field });

export function checkEmail(value: string): string {
  const email = value.trim();
  if (!EMAIL.test(email) || email.length > 254 || email.includes('\0'))
    throw refuse('email', `L’adresse électronique « ${email} » n’est pas valide (ex. prenom.nom@entreprise.fr).`);
  return email;
}

export function checkDisplayName(value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 200)
    throw refuse('displayName', 'Vos prénom et nom sont obligatoires (200 caractères au plus).');
  return name;
}

export function checkSiretKey(value: string): string {
  const siret = compactIdentifier(value);
  if (siret === '') throw refuse('siret', 'Le SIRET de votre entreprise est obligatoire (14 chiffres).');
  if (!/^\d{14}$/.test(siret))
    throw refuse(
      'siret',
      `Le SIRET compte 14 chiffres (9 du SIREN, 5 de l’établissement) ; « ${value.trim()} » en compte ${siret.replace(/\D/g, '').length}.`,
    );
  if (!isValidSiret(siret))
    throw refuse(
      'siret',
      `Le SIRET ${siret} n’existe pas : sa clé de contrôle (formule de Luhn) ne correspond pas. Recopiez-le depuis votre extrait Kbis ou votre avis de situation SIRENE.`,
    );
  return siret;
}

export function checkCompanyName(value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 200 || normalizeForSearch(name) === '')
    throw refuse('companyName', 'La raison sociale de votre entreprise est obligatoire (200 caractères au plus).');
  return name;
}

/** Same company name once accents, case, punctuation and legal forms' dots are set aside. */
export function sameCompanyName(a: string, b: string): boolean {
  return normalizeForSearch(a) === normalizeForSearch(b);
}
