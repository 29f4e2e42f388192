// Where and how the client reaches Chorus Pro: PISTE hosts per environment, credentials, timeouts and retries.
import { z } from 'zod';

/** PISTE hosts (research note §1.1); the older aife.economie.gouv.fr hosts were shut down without redirect. */
export const CHORUS_HOSTS = {
  sandbox: {
    tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
    apiBase: 'https://sandbox-api.piste.gouv.fr',
  },
  production: { tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token', apiBase: 'https://api.piste.gouv.fr' },
} as const;

export type ChorusEnvironment = keyof typeof CHORUS_HOSTS;

export interface ChorusClientConfig {
  tokenUrl: string;
  apiBase: string;
  /** PISTE application (OAuth2 client credentials). */
  clientId: string;
  clientSecret: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts in all, the first included, for 429, 5xx, timeouts and network errors. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Renew the token this long before it expires (OCA renews 240 s ahead). */
  renewBeforeSeconds: number;
}

export const DEFAULT_CLIENT_TUNING = {
  timeoutMs: 30_000,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  renewBeforeSeconds: 240,
} as const;

const envSchema = z.object({
  CHORUS_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
  CHORUS_TOKEN_URL: z.string().url().optional(),
  CHORUS_API_BASE: z.string().url().optional(),
  CHORUS_CLIENT_ID: z.string().min(1),
  CHORUS_CLIENT_SECRET: z.string().min(1),
  CHORUS_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_CLIENT_TUNING.timeoutMs),
});

/** The client configuration from the environment, or undefined when no PISTE application is configured. */
export function chorusClientConfigFromEnv(env: NodeJS.ProcessEnv): ChorusClientConfig | undefined {
  if (!env.CHORUS_CLIENT_ID) return undefined;
  const parsed = envSchema.parse(env);
  const hosts = CHORUS_HOSTS[parsed.CHORUS_ENVIRONMENT];
  return {
    ...DEFAULT_CLIENT_TUNING,
    tokenUrl: parsed.CHORUS_TOKEN_URL ?? hosts.tokenUrl,
    apiBase: parsed.CHORUS_API_BASE ?? hosts.apiBase,
    clientId: parsed.CHORUS_CLIENT_ID,
    clientSecret: parsed.CHORUS_CLIENT_SECRET,
    timeoutMs: parsed.CHORUS_TIMEOUT_MS,
  };
}

/** A configuration for one environment with the default tuning. */
export function chorusClientConfig(
  environment: ChorusEnvironment,
  clientId: string,
  clientSecret: string,
  tuning: Partial<ChorusClientConfig> = {},
): ChorusClientConfig {
  return { ...DEFAULT_CLIENT_TUNING, ...CHORUS_HOSTS[environment], clientId, clientSecret, ...tuning };
}
