import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * A failure the hub explains to its user: a stable machine code, a French message,
 * and the HTTP status a route should answer with. Verbs throw these; routes never build error bodies themselves.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ContentfulStatusCode = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** An AppError the client may retry later: answered with a Retry-After header (seconds). */
export class RetryLaterError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
    status: ContentfulStatusCode = 503,
  ) {
    super(code, message, status);
    this.name = 'RetryLaterError';
  }
}

export const notFound = (what: string): AppError =>
  new AppError('NOT_FOUND', `${what} introuvable : cet élément n’existe pas ou vous n’y avez pas accès.`, 404);
export const forbidden = (message = 'Vous n’avez pas les droits nécessaires pour cette action.'): AppError =>
  new AppError('FORBIDDEN', message, 403);
export const unauthenticated = (message = 'Authentification requise.'): AppError =>
  new AppError('UNAUTHENTICATED', message, 401);
export const invalidInput = (message: string, details?: unknown): AppError =>
  new AppError('INVALID_INPUT', message, 400, details);

/** The JSON body of every error answer: code, French message, request id. Never a stack trace. */
export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: unknown;
}
