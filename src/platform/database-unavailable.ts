// Tells a database that cannot be reached (down, restarting, connection lost) from any other failure, and gives
// every part of the hub the same answer for it: one code, DATABASE_UNAVAILABLE, with a 503.
import { AppError } from './errors.ts';

/** Connection-level failures of postgres.js and of the server shutting down (SQLSTATE classes 57P and 08). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(57P0[1-3]|08\d{3})$/.test(code))) return true;
  }
  return false;
}

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

export const databaseUnavailable = (
  message = 'La base de données est momentanément indisponible. Réessayez dans quelques instants ; rien n’a été enregistré.',
): AppError => new AppError(DATABASE_UNAVAILABLE, message, 503);
