// S²LOW-compatible authentication, shared by the ACTES and Hélios S²LOW APIs.
export {
  authenticateS2low,
  expectedHash,
  hasS2lowCredentials,
  parseBasic,
  type S2lowCredentials,
} from './authenticate.ts';
export { issueS2lowApiPassword, readS2lowApiPassword } from './api-secrets.ts';
export { consumeNonce, issueNonce, purgeExpiredNonces } from './nonces.ts';
export { latin1, s2lowKo, s2lowOk, s2lowText } from './plain-text.ts';
export { s2lowActor, s2lowAuth } from './middleware.ts';
export { s2lowAuthRoutes } from './routes.ts';
export { NONCE_TTL_MS, readS2lowAuthSettings, type S2lowAuthSettings } from './settings.ts';
