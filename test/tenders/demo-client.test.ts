// The buyer's demo client is seeded idempotently.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiClientGrants, apiClients } from '../../db/schema/auth.ts';
import { seedTenderDemoClient } from '../../src/seed/tender-demo-client.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();

describe('hub-demo-rennes', () => {
  it('exists once, as an agent of Rennes, and seeding again changes nothing', async () => {
    // The test template is already seeded: the client is there, and a new seed finds it.
    await seedTenderDemoClient(t.handle.db);
    const again = await seedTenderDemoClient(t.handle.db);
    expect(again.created).toBe(false);
    const rows = await t.handle.db
      .select({ role: apiClientGrants.role })
      .from(apiClients)
      .innerJoin(apiClientGrants, eq(apiClientGrants.apiClientId, apiClients.id))
      .where(eq(apiClients.clientId, 'hub-demo-rennes'));
    expect(rows).toEqual([{ role: 'agent' }]);
  }, 60_000);
});
