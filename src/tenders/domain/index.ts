// The tender room's pure rules: procedures, thresholds, delays, lots, CPV, receipts.
export * from './cpv.ts';
export * from './lots.ts';
export * from './procedures.ts';
export * from './publication-check.ts';
export * from './receipt.ts';
export * from './statuses.ts';
export * from './thresholds.ts';
export * from './time-rules.ts';
export * from './workflow-contract.ts';
