// PISTE OAuth2 client credentials, with a cached token renewed before it expires; concurrent callers share one request.
import type { ChorusClientConfig } from './config.ts';
import { ChorusError, RetryableChorusFailure } from './errors.ts';

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is not used any more (expiry minus the renewal margin). */
  renewAt: number;
}

export interface TokenSource {
  token(): Promise<string>;
  /** Forget the token (after a 401), so the next call fetches a new one. */
  invalidate(): void;
}

export function pisteTokenSource(
  config: ChorusClientConfig,
  fetchFn: typeof fetch,
  now: () => number = Date.now,
): TokenSource {
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  async function fetchToken(): Promise<CachedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: 'openid',
    });
    let response: Response;
    try {
      response = await fetchFn(config.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw new RetryableChorusFailure(`PISTE injoignable : ${(error as Error).message}`, undefined);
    }
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableChorusFailure(
        `PISTE a répondu ${response.status} à la demande de jeton`,
        undefined,
        response.status,
      );
    }
    const json = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok || !json) {
      const reason =
        typeof json?.error_description === 'string'
          ? json.error_description
          : typeof json?.error === 'string'
            ? json.error
            : `HTTP ${response.status}`;
      throw new ChorusError('token_refused', `PISTE refuse les identifiants de l’application : ${reason}`, {
        status: response.status,
      });
    }
    // As Pastell: no token without a bearer type, a token and a positive integer lifetime.
    const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = json;
    if (
      typeof accessToken !== 'string' ||
      accessToken === '' ||
      typeof tokenType !== 'string' ||
      tokenType.toLowerCase() !== 'bearer' ||
      !Number.isInteger(expiresIn) ||
      (expiresIn as number) <= 0
    ) {
      throw new ChorusError(
        'token_refused',
        'Réponse de PISTE inattendue : jeton, type ou durée de validité manquant.',
        { status: response.status },
      );
    }
    const margin = Math.min(config.renewBeforeSeconds, (expiresIn as number) / 2);
    return { accessToken, renewAt: now() + ((expiresIn as number) - margin) * 1000 };
  }

  return {
    async token() {
      if (cached && now() < cached.renewAt) return cached.accessToken;
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached.accessToken;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
