// The auth module's public entry: what the app, other modules' verbs and pages may use.
export { ROLES, type Actor, type Role, type RoleGrant } from './actor.ts';
export type { AuthDeps } from './deps.ts';

// Verbs
export { login, type LoginInput, type LoginResult } from './login.ts';
export {
  logout,
  openSession,
  resolveSession,
  revokeSessionsOf,
  type OpenedSession,
  type ResolvedSession,
} from './sessions.ts';
export {
  ACCESS_TOKEN_TTL_SECONDS,
  issueClientToken,
  resolveBearer,
  type ClientActor,
  type ClientCredentialsInput,
  type TokenResponse,
} from './client-credentials.ts';
export {
  createPerson,
  findPersonByEmail,
  personActor,
  setPassword,
  type NewPersonInput,
  type PersonActor,
} from './people.ts';
export { createApiClient, type NewApiClientInput } from './api-clients.ts';
export {
  listApiClients,
  listPeople,
  registerApiClient,
  registerPerson,
  type AccountSummary,
  type NewApiClientAccount,
  type NewPersonAccount,
  type RegisteredApiClient,
  type RegisteredPerson,
} from './accounts.ts';
export { grantRole, grantsFor } from './grants.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { FREE_ATTEMPTS, MAX_DELAY_SECONDS, sourceKey, throttledCheck, type ThrottleKind } from './throttle.ts';
export { clientIp } from './request-info.ts';
export { UNLOCK_PATH, UNLOCK_SUBJECT, unlockWithLink } from './unlock.ts';
export {
  PASSWORD_RESET_LINK_PATH,
  PASSWORD_RESET_PATH,
  PASSWORD_RESET_SUBJECT,
  requestPasswordReset,
  resetPasswordWithLink,
} from './password-reset.ts';
export { checkNewPassword, MIN_PASSWORD_LENGTH } from './new-password.ts';
export { emailLink, queueEmail, sendSoon, type AccountEmail } from './outbox.ts';
export { hashToken, randomToken } from './tokens.ts';
export {
  FORM_REPLAY_TTL_MS,
  keepExpiredPost,
  REPLAY_PATH,
  replayInvalid,
  takeFormReplay,
  type ExpiredPost,
  type KeptForm,
} from './form-replay.ts';

// Authorization, for other modules' verbs
export {
  actsFor,
  hasRole,
  isOperator,
  requireActorPresent,
  requireActsFor,
  requireOperator,
  requireRole,
  structuresWithRole,
} from './authorize.ts';

// HTTP
export { authenticate, requireActor } from './middleware.ts';
export { authRoutes } from './routes.ts';
export { CSRF_FIELD, csrfField, csrfToken, verifyCsrf } from './csrf.tsx';
export { SESSION_COOKIE } from './cookies.ts';

// Demo data
export { structureNames, type StructureName } from './structure-names.ts';
export { purgeExpiredCredentials, type PurgeResult } from './purge.ts';
export { createAuthActivities } from './activities.ts';
export { systemActor, isSystemActor, SYSTEM_JOBS, type SystemActor, type SystemJob } from './system-actor.ts';
