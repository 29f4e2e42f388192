// The tender room's public entry: a plain list of re-exports.
export { createTenderActivities, type TenderActivities } from './activities.ts';
export { tenderPages } from './pages/routes.ts';
export { tenderRoutes } from './routes.ts';
export type { TenderDeps, TenderSettings } from './settings.ts';
export { contractPdf, createDemoSigner, signPdf } from './signature/demo-signer.ts';
