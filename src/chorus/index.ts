// The Chorus Pro module's public entry: the mirror's routes, the client, the sync's activities and schedules,
// the credential health, the technical accounts.
export { answerMirrorRefusal, chorusMirrorRoutes } from './mirror/routes.ts';
export {
  allowClients,
  bindTechnicalAccount,
  listTechnicalAccountBindings,
  unbindTechnicalAccount,
  type BindingInput,
  type TechnicalAccountBinding,
} from './mirror/client-bindings.ts';
export {
  createTechnicalAccount,
  findTechnicalAccount,
  TECHNICAL_PASSWORD_LIFETIME_DAYS,
  type NewTechnicalAccount,
} from './mirror/technical-accounts.ts';
export { createChorusActivities, type ChorusActivities } from './activities.ts';
export { CHORUS_SCHEDULES } from './schedules.ts';
export { chorusCredentialReport, type CredentialReport } from './sync/credential-health.ts';
export { chorusSyncSettingsFromEnv, type ChorusSyncSettings } from './sync/settings.ts';
export * from './client/index.ts';
export { chorusPages } from './pages/routes.tsx';
