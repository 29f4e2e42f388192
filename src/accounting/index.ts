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
export { accountingPages } from './pages/routes.tsx';
