// The billing module's public entry: a plain list of re-exports.
export { createBillingActivities, type BillingActivities } from './activities.ts';
export { billingRoutes } from './routes.ts';
export { BILLING_SCHEDULES } from './schedules.ts';
export { seedBillingDefaults } from './seed.ts';
export { billingSettingsFromEnv, type BillingDeps, type BillingSettings } from './settings.ts';
export { startBillingRun } from './runs/start-run.ts';
export { getRunReport, type RunReport } from './runs/run-report.ts';
export { getYearReport, type YearReport } from './follow-up/year-report.ts';
export { getYearPes } from './pes/read-pes.ts';
export { addTier, endTier, listTiers } from './grid/tiers.ts';
export { saveMemberTerms } from './members/save-terms.ts';
export { contributionNumber } from './domain/numbering.ts';
export { membershipDays, proRata } from './domain/pro-rata.ts';
export { billingPages } from './pages/routes.tsx';
