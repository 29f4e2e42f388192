import type { Db } from '../../db/client.ts';
import { schema } from '../../db/client.ts';
import { seedDirectory } from '../directory/index.ts';
import { seedDemoAccounts } from './demo-accounts.ts';
import { seedChorusDemo } from './chorus-demo.ts';
import { seedBillingDefaults } from '../billing/index.ts';
import { seedOperatorClient } from './operator-client.ts';
import { seedActsDemo } from '../acts/index.ts';
import { seedTenderDemoClient } from './tender-demo-client.ts';

/** The real Breton directory, then the demo people and API client bound to it. Idempotent. */
export async function seedAll(db: Db) {
  const directory = await seedDirectory(db);
  const accounts = await seedDemoAccounts(db);
  await seedChorusDemo(db);
  await seedBillingDefaults(db);
  await seedOperatorClient(db);
  await seedActsDemo(db);
  await seedTenderDemoClient(db);
  return { directory, accounts };
}

/** On a first start only: an empty directory means a new data folder. */
export async function seedIfEmpty(db: Db) {
  const existing = await db.select({ id: schema.structures.id }).from(schema.structures).limit(1);
  return existing.length === 0 ? seedAll(db) : undefined;
}
