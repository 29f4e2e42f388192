import { afterAll, beforeAll, inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { freshTestDatabase } from './test-database.ts';

/** Gives the calling test file its own database (copy of the migrated template), dropped after the file. */
export function useTestDatabase(): { readonly handle: DatabaseHandle } {
  const holder = {} as { handle: DatabaseHandle };
  beforeAll(async () => {
    holder.handle = await freshTestDatabase(inject('testDatabase'));
  });
  afterAll(async () => {
    await holder.handle?.close();
  });
  return holder;
}
