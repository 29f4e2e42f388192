// What a new hub starts with: the products and, while the grid is empty, the default grid marked as a default to
// replace by the deliberation's. Idempotent.
import type { Db } from '../../db/client.ts';
import { billingProducts, billingTiers } from '../../db/schema/billing.ts';
import { DEFAULT_GRID } from './domain/grid.ts';
import { DEFAULT_PRODUCTS } from './domain/products.ts';

export async function seedBillingDefaults(db: Db): Promise<{ tiers: number }> {
  return db.transaction(async (tx) => {
    await tx
      .insert(billingProducts)
      .values([...DEFAULT_PRODUCTS])
      .onConflictDoNothing();
    const existing = await tx.select({ id: billingTiers.id }).from(billingTiers).limit(1);
    if (existing.length > 0) return { tiers: 0 };
    await tx.insert(billingTiers).values([...DEFAULT_GRID]);
    return { tiers: DEFAULT_GRID.length };
  });
}
