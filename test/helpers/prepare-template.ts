import type { DatabaseHandle } from '../../db/client.ts';
import { seedDirectory } from '../../src/directory/index.ts';

/** What every test database starts with, beyond the migrations. */
export async function prepareTemplateDatabase(handle: DatabaseHandle): Promise<void> {
  // The directory of Breton collectivities, the syndicat and the demo suppliers.
  await seedDirectory(handle.db);
}
