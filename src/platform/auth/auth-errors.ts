import { AppError } from '../errors.ts';

/** Same answer whether the account exists, is inactive, or the password is wrong. */
export const invalidCredentials = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.', 401);

const TOO_MANY: Record<'login' | 'client_secret' | 'technical_account', string> = {
  login: 'Trop de tentatives de connexion infructueuses depuis votre adresse',
  client_secret: 'Trop de tentatives infructueuses pour ce client API depuis votre adresse',
  technical_account: 'Trop de tentatives infructueuses pour ce compte technique depuis votre adresse',
};

/** 429 while an identity is blocked for a source; the routes turn `retryAfterSeconds` into `Retry-After`. */
export const tooManyAttempts = (
  kind: 'login' | 'client_secret' | 'technical_account',
  retryAfterSeconds: number,
): AppError =>
  new AppError(
    'TOO_MANY_ATTEMPTS',
    `${TOO_MANY[kind]}. Réessayez dans ${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? 's' : ''}.`,
    429,
    { retryAfterSeconds },
  );

export const tokenExpired = (): AppError =>
  new AppError('TOKEN_EXPIRED', 'Le jeton d’accès a expiré : demandez-en un nouveau.', 401);

export const invalidToken = (): AppError => new AppError('INVALID_TOKEN', 'Le jeton d’accès est invalide.', 401);

/** OAuth2 `invalid_client`: unknown client, wrong secret, or inactive client. */
export const invalidClient = (): AppError =>
  new AppError('INVALID_CLIENT', 'Client inconnu, inactif ou secret incorrect.', 401);

/** OAuth2 `invalid_scope`. */
export const invalidScope = (scope: string): AppError =>
  new AppError('INVALID_SCOPE', `Portée non autorisée pour ce client : ${scope}.`, 400);

export const csrfRejected = (): AppError =>
  new AppError(
    'CSRF_REJECTED',
    'Le formulaire a expiré ou ne provient pas de ce site. Rechargez la page et recommencez.',
    403,
  );
