import { AppError } from '../../errors.ts';

/** Same answer for an unknown login, a wrong password or hash, and an inactive account. */
export const s2lowBadCredentials = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.', 401);

export const s2lowNonceRejected = (): AppError =>
  new AppError(
    'NONCE_REJECTED',
    'Nonce inconnu, expiré ou déjà utilisé : demandez-en un nouveau à /api/get-nounce.php.',
    401,
  );

export const s2lowNonceUnavailable = (): AppError =>
  new AppError(
    'NONCE_SCHEME_UNAVAILABLE',
    "L'authentification par nonce n'est pas configurée sur ce hub (S2LOW_SECRET_KEY) : utilisez l'authentification HTTP Basic.",
    401,
  );

export const s2lowMissingCredentials = (): AppError =>
  new AppError(
    'UNAUTHENTICATED',
    'Authentification requise : HTTP Basic (e-mail et mot de passe du hub) ou paramètres nounce, login et hash.',
    401,
  );
