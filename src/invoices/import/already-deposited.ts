// Recognises a file this supplier already deposited successfully, by the SHA-256 of its bytes.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { deposits, invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';

export interface PreviousDeposit {
  invoiceId: string;
  number: string;
  year: number;
  status: InvoiceStatus;
}

/**
 * The invoice an earlier accepted deposit of these exact bytes created, with its current status. A file whose
 * earlier deposits were all refused is not "already deposited": the refusal may have been transient or the
 * directory corrected since, so the import sends it again.
 */
export async function findAcceptedDeposit(
  db: Db,
  supplierId: string,
  sha256: string,
): Promise<PreviousDeposit | undefined> {
  const [row] = await db
    .select({ invoiceId: invoices.id, number: invoices.number, year: invoices.year, status: invoices.status })
    .from(deposits)
    .innerJoin(invoices, eq(invoices.id, deposits.invoiceId))
    .where(
      and(eq(deposits.supplierId, supplierId), eq(deposits.originalSha256, sha256), eq(deposits.outcome, 'accepted')),
    )
    .orderBy(desc(deposits.createdAt))
    .limit(1);
  return row;
}
