// The Chorus Pro client: PISTE OAuth2 and the REST API.
export {
  CHORUS_HOSTS,
  chorusClientConfig,
  chorusClientConfigFromEnv,
  DEFAULT_CLIENT_TUNING,
  type ChorusClientConfig,
  type ChorusEnvironment,
} from './config.ts';
export { createChorusClient, type ChorusClient, type ChorusClientOptions } from './client.ts';
export { ChorusError, type ChorusFailureKind } from './errors.ts';
export { cproAccountHeader, parseCproAccount, type TechnicalAccount } from './technical-account.ts';
export { backoffDelay, parseRetryAfter } from './backoff.ts';
