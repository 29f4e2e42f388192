// The rule a password chosen by its owner follows (reset, registration, invitation): long rather than complicated.
import { AppError } from '../errors.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

const refuse = (message: string): AppError => new AppError('INVALID_PASSWORD', message, 400, { field: 'password' });

/** Refuses a password too short, too long, different from its confirmation, or equal to the e-mail address. */
export function checkNewPassword(password: string, confirmation: string, email: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw refuse(
      `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères (une phrase de quelques mots convient).`,
    );
  if (password.length > MAX_PASSWORD_LENGTH)
    throw refuse(`Le mot de passe doit compter au plus ${MAX_PASSWORD_LENGTH} caractères.`);
  if (password !== confirmation)
    throw new AppError('INVALID_PASSWORD', 'Les deux saisies du mot de passe sont différentes.', 400, {
      field: 'confirmation',
    });
  if (password.trim().toLowerCase() === email.trim().toLowerCase())
    throw refuse('Le mot de passe ne doit pas être votre adresse électronique.');
  return password;
}
