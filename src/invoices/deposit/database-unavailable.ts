// Tells a database that cannot be reached (down, restarting, connection lost) from any other failure.
import { AppError } from '../../platform/errors.ts';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  }
  return false;
}

export const databaseUnavailable = (): AppError =>
  new AppError(
    'TEMPORARILY_UNAVAILABLE',
    'La base de données du hub est momentanément injoignable : la facture n’a pas été enregistrée. Déposez-la de nouveau dans quelques minutes.',
    503,
  );
