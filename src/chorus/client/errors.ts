// What can go wrong when calling Chorus Pro, in terms the sync can act on.

export type ChorusFailureKind =
  /** PISTE refused the application's credentials (token endpoint). */
  | 'token_refused'
  /** 401 on an API call: bad technical account or expired token; the reason is in WWW-Authenticate. */
  | 'unauthorized'
  /** 403, usually with an empty body: the PISTE application lacks the API or its CGU consent. */
  | 'forbidden'
  /** A functional refusal (`codeRetour` ≠ 0): retrying the same call gives the same answer. */
  | 'functional'
  /** 429, 5xx, timeout or network error after every attempt. */
  | 'unavailable';

export class ChorusError extends Error {
  constructor(
    readonly kind: ChorusFailureKind,
    message: string,
    readonly details: {
      status?: number;
      codeRetour?: number;
      libelle?: string;
      wwwAuthenticate?: string;
      path?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ChorusError';
  }
}

/** A failure worth trying again after a delay (429, 5xx, timeout, network). */
export class RetryableChorusFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RetryableChorusFailure';
  }
}
