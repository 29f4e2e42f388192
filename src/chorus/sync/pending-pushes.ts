// Invoices to push: addressed to a structure that receives through Chorus Pro, not come from Chorus Pro
// itself, and not pushed yet.
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { chorusPushes } from '../../../db/schema/chorus.ts';
import { structures } from '../../../db/schema/directory.ts';
import { deposits, invoices } from '../../../db/schema/invoices.ts';
import type { AppDeps } from '../../platform/http.ts';

export async function invoicesToPush(deps: AppDeps, limit = 100): Promise<string[]> {
  const rows = await deps.db
    .select({ id: invoices.id })
    .from(invoices)
    .innerJoin(structures, eq(structures.id, invoices.buyerId))
    .innerJoin(deposits, and(eq(deposits.invoiceId, invoices.id), eq(deposits.outcome, 'accepted')))
    .leftJoin(chorusPushes, eq(chorusPushes.invoiceId, invoices.id))
    .where(
      and(
        eq(structures.receivesThroughChorus, true),
        ne(deposits.channel, 'chorus_sync'),
        isNull(chorusPushes.invoiceId),
      ),
    )
    .orderBy(asc(invoices.createdAt))
    .limit(limit);
  return [...new Set(rows.map((r) => r.id))];
}
