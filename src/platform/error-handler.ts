import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { AppError, RetryLaterError, type ErrorBody } from './errors.ts';
import type { AppEnv } from './http.ts';

export function errorBody(c: Context<AppEnv>, code: string, message: string, details?: unknown): ErrorBody {
  return { code, message, requestId: c.get('requestId') ?? '', ...(details === undefined ? {} : { details }) };
}

/** Every failure answers with a code, a French message and the request id; stacks stay in the log. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) {
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.status === 429 && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    if (error instanceof RetryLaterError) c.header('Retry-After', String(error.retryAfterSeconds));
    return c.json(errorBody(c, error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    // An exception carrying its own response (a 415 from request parsing, a 401 with WWW-Authenticate) keeps it.
    if (error.res) return error.getResponse();
    const status = error.status as ContentfulStatusCode;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : 'HTTP_ERROR';
    const message =
      status === 413 ? 'Le fichier ou la requête dépasse la taille autorisée.' : error.message || 'Requête refusée.';
    return c.json(errorBody(c, code, message), status);
  }
  if (isDatabaseUnavailable(error)) {
    c.get('deps')?.logger.warn({ err: error, requestId: c.get('requestId') }, 'database unavailable');
    return c.json(
      errorBody(
        c,
        'DATABASE_UNAVAILABLE',
        'La base de données est momentanément indisponible. Réessayez dans quelques instants ; rien n’a été enregistré.',
      ),
      503,
    );
  }
  c.get('deps')?.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return c.json(
    errorBody(
      c,
      'INTERNAL_ERROR',
      'Erreur interne du hub. Réessayez plus tard ; si le problème persiste, communiquez l’identifiant de requête au support.',
    ),
    500,
  );
}

/** Connection-level failures of postgres.js and of the server shutting down (SQLSTATE class 57, 08). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^(57P0[1-3]|08\d{3})$/.test(code))) return true;
  }
  return false;
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return c.json(errorBody(c, 'NOT_FOUND', `Ressource introuvable : ${c.req.method} ${c.req.path}`), 404);
}

/** Request validation failures of OpenAPI routes, in French, with the offending fields. */
export function validationHook(
  result: { success: boolean; error?: ZodError },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success || !result.error) return undefined;
  const fields = result.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message }));
  const list = fields.map((f) => `${f.field || 'corps'} (${f.problem})`).join(', ');
  return c.json(errorBody(c, 'INVALID_INPUT', `Requête invalide : ${list}.`, fields), 400);
}
