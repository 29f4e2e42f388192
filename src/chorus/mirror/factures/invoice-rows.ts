import { JsonAmount } from '../json-amount.ts';
// The invoices a search answers with, read through the invoices module's queries, with their Chorus ids and flux.
import { inArray } from 'drizzle-orm';
import { chorusMirrorFluxItems } from '../../../../db/schema/chorus.ts';
import { isInvoiceStatus, type InvoiceStatus } from '../../../invoices/domain/statuses.ts';
import { getInvoiceDetail, listInvoices, type InvoiceFilters, type InvoiceSummary } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { cppIdsOf } from '../../ids.ts';
import { fluxNumber } from '../flux/flux-number.ts';
import type { MirrorSession } from '../session.ts';
import { slicePage, type PageRequest } from './paging.ts';

export interface FoundInvoices {
  items: InvoiceSummary[];
  total: number;
  invoiceIds: Map<string, number>;
  fluxOf: Map<string, string>;
}

/** Chorus status filter (one code or a list) as hub statuses; unknown codes match nothing. */
export function statusFilter(value: unknown): InvoiceStatus[] | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  const list = (Array.isArray(value) ? value : [value]).map(String);
  const known = list.filter(isInvoiceStatus);
  return known.length > 0 ? known : null;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;
export const dayOf = (value: unknown): string | undefined =>
  typeof value === 'string' && DAY.test(value) ? value.slice(0, 10) : undefined;

/**
 * One page of the invoices the session sees, filtered. An exact invoice number or a flux narrows the search
 * to a few invoices, paged here; otherwise the invoices module pages.
 */
export async function findInvoices(
  deps: AppDeps,
  session: MirrorSession,
  filters: InvoiceFilters & {
    exactNumber?: string | undefined;
    fluxInvoiceIds?: string[] | undefined;
    keep?: ((i: InvoiceSummary) => boolean) | undefined;
  },
  paging: PageRequest,
): Promise<FoundInvoices> {
  const { exactNumber, fluxInvoiceIds, keep, ...listFilters } = filters;
  const accept = (i: InvoiceSummary) =>
    (exactNumber === undefined || i.number === exactNumber) && (keep === undefined || keep(i));
  let items: InvoiceSummary[];
  let total: number;
  if (fluxInvoiceIds !== undefined) {
    const kept = (await Promise.all(fluxInvoiceIds.map((id) => getInvoiceDetail(deps, session.actor, id)))).filter(
      accept,
    );
    total = kept.length;
    items = slicePage(kept, paging);
  } else if (exactNumber !== undefined || keep !== undefined) {
    // Filters the invoices module does not have: read every match, filter, then page here.
    const kept: InvoiceSummary[] = [];
    for (let page = 1; ; page += 1) {
      const batch = await listInvoices(deps, session.actor, {
        ...listFilters,
        ...(exactNumber !== undefined ? { text: exactNumber } : {}),
        page,
        pageSize: 200,
      });
      kept.push(...batch.items.filter(accept));
      if (page * batch.pageSize >= batch.total) break;
    }
    total = kept.length;
    items = slicePage(kept, paging);
  } else {
    const page = await listInvoices(deps, session.actor, { ...listFilters, page: paging.page, pageSize: paging.size });
    total = page.total;
    items = page.items;
  }
  const ids = items.map((i) => i.id);
  const [invoiceIds, fluxRows] = await Promise.all([
    cppIdsOf(deps.db, 'invoice', ids),
    ids.length === 0
      ? []
      : deps.db
          .select({ invoiceId: chorusMirrorFluxItems.invoiceId, sequence: chorusMirrorFluxItems.fluxSequence })
          .from(chorusMirrorFluxItems)
          .where(inArray(chorusMirrorFluxItems.invoiceId, ids)),
  ]);
  const fluxOf = new Map(
    fluxRows.filter((r) => r.invoiceId !== null).map((r) => [r.invoiceId as string, fluxNumber(r.sequence)]),
  );
  return { items, total, invoiceIds, fluxOf };
}

/** A decimal amount for the wire: Chorus sends amounts as JSON numbers; ours keep their exact decimal text. */
export const amount = (decimal: string): JsonAmount => new JsonAmount(decimal);

/** BT-3: 381 is a credit note. */
export const typeFacture = (typeCode: string): string => (typeCode === '381' ? 'AVOIR' : 'FACTURE');
