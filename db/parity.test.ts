import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedAll } from '../src/seed/index.ts';
import { openDatabase } from './client.ts';
import { structures } from './schema/directory.ts';

// The embedded default (PGlite, PostgreSQL 18 in WebAssembly) must run the same migrations and seed as the real server.
describe('PGlite parity', () => {
  it(
    'applies the migrations, seeds the directory, and a second migration is a no-op',
    { timeout: 120_000 },
    async () => {
      const handle = await openDatabase({ kind: 'pglite' });
      try {
        await handle.migrate();
        await handle.migrate();
        await seedAll(handle.db);
        const communes = await handle.db.select({ n: count() }).from(structures).where(eq(structures.kind, 'commune'));
        const epcis = await handle.db.select({ n: count() }).from(structures).where(eq(structures.kind, 'epci'));
        expect(communes[0]?.n).toBe(1202);
        expect(epcis[0]?.n).toBe(61);
        await handle.ping();
      } finally {
        await handle.close();
      }
    },
  );
});
