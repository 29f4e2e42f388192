// Every table of the hub, one file per aggregate. drizzle-kit reads this file to generate migrations.
export * from './directory.ts';
export * from './auth.ts';
export * from './blobs.ts';
export * from './invoices.ts';
export * from './chorus.ts';
export * from './audit.ts';
export * from './files.ts';
export * from './s2low.ts';
export * from './accounting.ts';
export * from './billing.ts';
export * from './form-replays.ts';
export * from './accounts.ts';
export * from './tenders.ts';
export * from './acts.ts';
