import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable.ts';
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
    // An exception carrying its own response (a 401 with WWW-Authenticate) keeps it.
    if (error.res) return error.getResponse();
    const status = error.status as ContentfulStatusCode;
    const [code, message] = HTTP_REFUSALS[status] ?? ['HTTP_ERROR', 'Requête refusée.'];
    return c.json(errorBody(c, code, status === 415 ? unsupportedType(c) : message), status);
  }
  if (isDatabaseUnavailable(error)) {
    c.get('deps')?.logger.warn({ err: error, requestId: c.get('requestId') }, 'database unavailable');
    const unavailable = databaseUnavailable();
    return c.json(errorBody(c, unavailable.code, unavailable.message), 503);
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

/** Refusals raised by the HTTP layer itself (request parsing, media-type gates), in French. */
const HTTP_REFUSALS: Partial<Record<number, [string, string]>> = {
  400: ['INVALID_INPUT', 'Requête invalide : le corps de la requête est illisible ou mal formé.'],
  401: ['UNAUTHENTICATED', 'Authentification requise.'],
  413: ['PAYLOAD_TOO_LARGE', 'Le fichier ou la requête dépasse la taille autorisée.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Type de contenu non pris en charge.'],
};

function unsupportedType(c: Context<AppEnv>): string {
  const sent = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  return sent
    ? `Type de contenu non pris en charge : « ${sent.slice(0, 100)} » n’est pas accepté à cette adresse.`
    : 'Type de contenu non pris en charge : précisez l’en-tête Content-Type du corps envoyé.';
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
