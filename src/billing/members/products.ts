// The products the syndicat invoices, with their VAT regime.
import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { billingProducts } from '../../../db/schema/billing.ts';

export async function listProducts(db: Db) {
  return db.select().from(billingProducts).orderBy(asc(billingProducts.code));
}
