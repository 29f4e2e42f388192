import type { DatabaseHandle } from '../../db/client.ts';
import { seedAll } from '../../src/seed/index.ts';

/** What every test database starts with, beyond the migrations: the same data as a first `hub start`. */
export async function prepareTemplateDatabase(handle: DatabaseHandle): Promise<void> {
  // The directory of Breton collectivities, the syndicat, the demo suppliers, and the demo people and API client.
  await seedAll(handle.db);
}
