import type { TestProject } from 'vitest/node';
import { prepareTemplateDatabase } from './helpers/prepare-template.ts';
import { provisionTestDatabase } from './helpers/provision-database.ts';
import { provisionTemporal } from './helpers/provision-temporal.ts';
import type { TestDatabaseSource } from './helpers/test-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseSource;
    temporalAddress: string;
    temporalBinary: string;
  }
}

/** Runs once per test run for the `hub` project: a migrated, seeded template database and a Temporal dev server. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [database, temporal] = await Promise.all([provisionTestDatabase(prepareTemplateDatabase), provisionTemporal()]);
  project.provide('testDatabase', database.source);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalBinary', temporal.binary);
  return async () => {
    await Promise.all([database.teardown(), temporal.teardown()]);
  };
}
