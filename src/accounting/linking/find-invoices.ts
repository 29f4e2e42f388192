// Which invoice of the hub a mandate line pays: one received by the depositing structure, whose number is the
// line's `Facture` and whose supplier is the line's `Tiers` (its SIRET, or its SIREN).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { establishments, structures } from '../../../db/schema/directory.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import type { MandateLine } from '../domain/pes-summary.ts';

export interface MatchedInvoice {
  invoiceId: string;
  number: string;
  supplierName: string;
  originalSha256: string;
  status: string;
}

const CHUNK = 500;

/** The invoice each line pays, by line index; lines without a match are absent. */
export async function findInvoicesOfLines(
  db: Db,
  buyerId: string,
  lines: readonly MandateLine[],
): Promise<Map<number, MatchedInvoice>> {
  const numbers = [...new Set(lines.flatMap((l) => (l.facture && l.tiersId ? [l.facture] : [])))];
  const candidates: (MatchedInvoice & {
    supplierId: string;
    supplierSiren: string | null;
    supplierIdentifier: string | null;
  })[] = [];
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const rows = await db
      .select({
        invoiceId: invoices.id,
        number: invoices.number,
        supplierName: invoices.supplierName,
        originalSha256: invoices.originalSha256,
        status: invoices.status,
        supplierId: invoices.supplierId,
        supplierSiren: structures.siren,
        supplierIdentifier: invoices.supplierIdentifier,
      })
      .from(invoices)
      .innerJoin(structures, eq(structures.id, invoices.supplierId))
      .where(and(eq(invoices.buyerId, buyerId), inArray(invoices.number, numbers.slice(i, i + CHUNK))));
    candidates.push(...rows);
  }
  if (candidates.length === 0) return new Map();
  const supplierIds = [...new Set(candidates.map((c) => c.supplierId))];
  const sirets = new Map<string, Set<string>>();
  for (let i = 0; i < supplierIds.length; i += CHUNK) {
    const rows = await db
      .select({ structureId: establishments.structureId, siret: establishments.siret })
      .from(establishments)
      .where(inArray(establishments.structureId, supplierIds.slice(i, i + CHUNK)));
    for (const row of rows) sirets.set(row.structureId, (sirets.get(row.structureId) ?? new Set()).add(row.siret));
  }
  const byNumber = new Map<string, typeof candidates>();
  for (const c of candidates) byNumber.set(c.number, [...(byNumber.get(c.number) ?? []), c]);
  const matches = new Map<number, MatchedInvoice>();
  lines.forEach((line, index) => {
    if (!line.facture || !line.tiersId) return;
    const found = (byNumber.get(line.facture) ?? []).find((c) =>
      line.natIdTiers === '02'
        ? c.supplierSiren === line.tiersId
        : sirets.get(c.supplierId)?.has(line.tiersId as string) || c.supplierIdentifier === line.tiersId,
    );
    if (found) {
      const { invoiceId, number, supplierName, originalSha256, status } = found;
      matches.set(index, { invoiceId, number, supplierName, originalSha256, status });
    }
  });
  return matches;
}
