// The accounting module's public entry (Hélios PES V2 flows to the treasury): a plain list of re-exports.
export { createAccountingActivities, type AccountingActivities } from './activities.ts';
export { ACCOUNTING_SCHEDULES } from './schedules.ts';
export {
  accountingSettings,
  accountingSettingsFromEnv,
  treasuryFromEnv,
  DEFAULT_ACCOUNTING_SETTINGS,
  type AccountingDeps,
  type AccountingSettings,
  type TreasuryEndpoint,
} from './settings.ts';
export { depositPes, type DepositPesInput, type DepositPesResult } from './deposit/deposit-pes.ts';
export { accountingRoutes } from './routes.ts';
export { answerHeliosImportRefusal, heliosS2lowRoutes, HELIOS_S2LOW_PATHS } from './s2low/helios-routes.ts';
export { pesTooLarge } from './upload/receive-pes-upload.ts';
export { demoPesAllerSpec, type DemoPesInvoice } from './domain/demo-pes.ts';
export { pesAllerText } from './domain/build-pes.ts';
export { accountingPages } from './pages/routes.tsx';
