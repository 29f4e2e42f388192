// One API call to Chorus Pro: bearer token, `cpro-account`, JSON body; retries 429/5xx/timeouts/network errors
// with backoff and jitter (honouring Retry-After); never retries a functional refusal.
import { backoffDelay, parseRetryAfter } from './backoff.ts';
import type { ChorusClientConfig } from './config.ts';
import { ChorusError, RetryableChorusFailure } from './errors.ts';
import { cproAccountHeader, type TechnicalAccount } from './technical-account.ts';
import type { TokenSource } from './token-cache.ts';

export interface CallDeps {
  config: ChorusClientConfig;
  tokens: TokenSource;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export async function chorusCall<T>(
  deps: CallDeps,
  account: TechnicalAccount,
  path: string,
  body: unknown,
  method: 'POST' | 'GET' = 'POST',
): Promise<T> {
  const { config } = deps;
  let renewedAfter401 = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await attemptCall<T>(deps, account, path, body, method);
    } catch (error) {
      // An expired token: fetch a new one once, at once.
      if (
        error instanceof ChorusError &&
        error.kind === 'unauthorized' &&
        !renewedAfter401 &&
        /expired|invalid_token/i.test(error.details.wwwAuthenticate ?? '')
      ) {
        renewedAfter401 = true;
        deps.tokens.invalidate();
        attempt -= 1;
        continue;
      }
      if (!(error instanceof RetryableChorusFailure)) throw error;
      if (attempt >= config.maxAttempts) {
        throw new ChorusError('unavailable', `Chorus Pro indisponible après ${attempt} tentatives : ${error.message}`, {
          path,
          ...(error.status !== undefined ? { status: error.status } : {}),
        });
      }
      const delay =
        error.retryAfterMs !== undefined
          ? Math.min(error.retryAfterMs, config.maxDelayMs)
          : backoffDelay(config, attempt, deps.random);
      await deps.sleep(delay);
    }
  }
}

async function attemptCall<T>(
  deps: CallDeps,
  account: TechnicalAccount,
  path: string,
  body: unknown,
  method: 'POST' | 'GET',
): Promise<T> {
  const token = await deps.tokens.token();
  let response: Response;
  try {
    response = await deps.fetch(new URL(path, deps.config.apiBase), {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'cpro-account': cproAccountHeader(account),
        'Content-Type': 'application/json;charset=utf-8',
        Accept: 'application/json;charset=utf-8',
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      signal: AbortSignal.timeout(deps.config.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    const reason = name === 'TimeoutError' ? `délai de ${deps.config.timeoutMs} ms dépassé` : (error as Error).message;
    throw new RetryableChorusFailure(`${path} : ${reason}`, undefined);
  }
  const { status } = response;
  if (status === 429 || status >= 500) {
    await discard(response);
    throw new RetryableChorusFailure(
      `${path} : HTTP ${status}`,
      parseRetryAfter(response.headers.get('retry-after')),
      status,
    );
  }
  if (status === 401) {
    await discard(response);
    const wwwAuthenticate = response.headers.get('www-authenticate') ?? '';
    const reason = /error_description="([^"]*)"/.exec(wwwAuthenticate)?.[1] ?? 'authentification refusée';
    throw new ChorusError('unauthorized', `Chorus Pro refuse l’authentification (${reason}) sur ${path}.`, {
      status,
      wwwAuthenticate,
      path,
    });
  }
  if (status === 403) {
    await discard(response);
    throw new ChorusError(
      'forbidden',
      `Chorus Pro refuse l’accès à ${path} (403) : vérifiez que l’application PISTE est abonnée à cette API et que ses CGU sont acceptées.`,
      { status, path },
    );
  }
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    json = undefined;
  }
  const codeRetour = typeof json?.codeRetour === 'number' ? json.codeRetour : undefined;
  const libelle = typeof json?.libelle === 'string' ? json.libelle : undefined;
  if (!response.ok || (codeRetour !== undefined && codeRetour !== 0)) {
    throw new ChorusError('functional', `Chorus Pro refuse la demande sur ${path} : ${libelle ?? `HTTP ${status}`}`, {
      status,
      path,
      ...(codeRetour !== undefined ? { codeRetour } : {}),
      ...(libelle !== undefined ? { libelle } : {}),
    });
  }
  if (json === undefined) throw new RetryableChorusFailure(`${path} : réponse vide ou illisible`, undefined, status);
  return json as T;
}

/** Reads and drops a body we do not use, so the connection is released. */
async function discard(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}
