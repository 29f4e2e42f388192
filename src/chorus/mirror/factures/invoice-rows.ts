// The invoices a search answers with: the visible ones, read through the invoices module's queries, narrowed by the
// criteria the module's filters have (in SQL) and by the others (here), sorted and paged as Chorus does. Each carries
// what the Chorus rows show beyond the invoice: its ids, its flux, how it was deposited and by whom, its size.
import { and, eq, inArray } from 'drizzle-orm';
import {
  chorusMirrorDownloads,
  chorusMirrorFluxes,
  chorusMirrorFluxItems,
  chorusMirrorSubmissions,
  chorusTechnicalAccounts,
} from '../../../../db/schema/chorus.ts';
import { blobs } from '../../../../db/schema/blobs.ts';
import { deposits, invoiceEvents } from '../../../../db/schema/invoices.ts';
import { dec } from '../../../../formats/index.ts';
import { getStructure } from '../../../directory/index.ts';
import {
  getInvoiceDetail,
  listInvoices,
  MAX_PAGE_SIZE as INVOICES_MAX_PAGE_SIZE,
  type InvoiceFilters,
  type InvoiceSummary,
} from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { chorusDate } from '../../domain/dates.ts';
import { cppIdsOf } from '../../ids.ts';
import { JsonAmount } from '../json-amount.ts';
import { fluxNumber } from '../flux/flux-number.ts';
import type { MirrorSession } from '../session.ts';
import type { Sort } from './criteria.ts';
import { slicePage, type PageRequest } from './paging.ts';

/** How an invoice reached the hub, as Chorus's `modeDepot` names it. */
export type ModeDepot = 'DEPOT_FLUX' | 'SAISIE_API' | 'DEPOT_PDF_API' | 'DEPOT_PDF_SIGNE_API' | 'DEPOT_PORTAIL';

export interface InvoiceFacts {
  cppId: number;
  modeDepot: ModeDepot;
  fluxNumber: string | null;
  /** Who deposited it: the technical account's login through the mirror, otherwise the depositor's name. */
  creator: string;
  /** Size of the deposited file, in bytes. */
  size: number;
  downloaded: boolean;
  supplier: { cppId: number | null; identifier: string; kind: 'SIRET' | 'UE_HORS_FRANCE' };
  buyerCppId: number | null;
  serviceCppId: number | null;
}

export interface Found {
  invoice: InvoiceSummary;
  facts: InvoiceFacts;
}

export interface SearchSpec {
  /** What the invoices module filters in SQL. */
  filters: InvoiceFilters;
  /** An exact invoice number (the module matches on a part of it). */
  exactNumber?: string | undefined;
  /** The invoices of a flux (`numeroFluxDepot`). */
  fluxInvoiceIds?: string[] | undefined;
  /** Criteria the module has no filter for. */
  keep?: ((f: Found) => boolean | Promise<boolean>) | undefined;
  /** At most this many invoices are considered (`nbResultatsMaximum`). */
  max?: number | undefined;
}

export interface SearchPage<Row> {
  rows: Row[];
  total: number;
}

/**
 * One page of the rows of the invoices the session sees that meet the criteria. Without criteria of its own nor a
 * sort, the invoices module pages (newest deposit first); otherwise every match is read, then filtered, sorted
 * and paged here.
 */
export async function searchInvoices<Row extends object>(
  deps: AppDeps,
  session: MirrorSession,
  spec: SearchSpec,
  toRow: (f: Found) => Row,
  sort: Sort | undefined,
  paging: PageRequest,
): Promise<SearchPage<Row>> {
  const simple =
    spec.exactNumber === undefined &&
    spec.fluxInvoiceIds === undefined &&
    spec.keep === undefined &&
    spec.max === undefined &&
    sort === undefined &&
    paging.size <= INVOICES_MAX_PAGE_SIZE;
  if (simple) {
    const page = await listInvoices(deps, session.actor, { ...spec.filters, page: paging.page, pageSize: paging.size });
    const facts = await invoiceFacts(deps, session, page.items);
    return {
      rows: page.items.map((invoice) => toRow({ invoice, facts: facts.get(invoice.id) as InvoiceFacts })),
      total: page.total,
    };
  }
  let candidates = await allMatches(deps, session, spec);
  if (spec.exactNumber !== undefined) candidates = candidates.filter((i) => i.number === spec.exactNumber);
  const facts = await invoiceFacts(deps, session, candidates);
  let found = candidates.map((invoice) => ({ invoice, facts: facts.get(invoice.id) as InvoiceFacts }));
  if (spec.keep) {
    const keep = spec.keep;
    const kept = await Promise.all(found.map(async (f) => ((await keep(f)) ? f : undefined)));
    found = kept.filter((f): f is Found => f !== undefined);
  }
  if (spec.max !== undefined) found = found.slice(0, spec.max);
  const rows = found.map(toRow);
  const value = (row: Row) => (row as Record<string, unknown>)[sort?.column ?? ''];
  if (sort) rows.sort((a, b) => (sort.descending ? -1 : 1) * compareValues(value(a), value(b)));
  return { rows: slicePage(rows, paging), total: rows.length };
}

async function allMatches(deps: AppDeps, session: MirrorSession, spec: SearchSpec): Promise<InvoiceSummary[]> {
  if (spec.fluxInvoiceIds !== undefined) {
    const details = await Promise.all(spec.fluxInvoiceIds.map((id) => getInvoiceDetail(deps, session.actor, id)));
    return details.filter((d) => matchesFilters(d, spec.filters));
  }
  const all: InvoiceSummary[] = [];
  for (let page = 1; ; page += 1) {
    const batch = await listInvoices(deps, session.actor, {
      ...spec.filters,
      ...(spec.exactNumber !== undefined ? { text: spec.exactNumber } : {}),
      page,
      pageSize: INVOICES_MAX_PAGE_SIZE,
    });
    all.push(...batch.items);
    if (page * batch.pageSize >= batch.total) break;
  }
  return all;
}

/** The module's filters, applied to invoices read one by one (those of a flux). */
function matchesFilters(i: InvoiceSummary, f: InvoiceFilters): boolean {
  const day = chorusDate(i.depositedAt);
  return (
    (!f.statuses || f.statuses.length === 0 || f.statuses.includes(i.status)) &&
    (!f.supplierId || i.supplier.id === f.supplierId) &&
    (!f.buyerId || i.buyer.id === f.buyerId) &&
    (!f.serviceId || i.service?.id === f.serviceId) &&
    (!f.issueDateFrom || i.issueDate >= f.issueDateFrom) &&
    (!f.issueDateTo || i.issueDate <= f.issueDateTo) &&
    (!f.depositDateFrom || day >= f.depositDateFrom) &&
    (!f.depositDateTo || day <= f.depositDateTo) &&
    (f.amountMin === undefined || dec(i.totalWithVat).gte(dec(f.amountMin))) &&
    (f.amountMax === undefined || dec(i.totalWithVat).lte(dec(f.amountMax)))
  );
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (a instanceof JsonAmount && b instanceof JsonAmount) return dec(a.text).comparedTo(dec(b.text));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = String(a);
  const tb = String(b);
  // ISO instants with their offset (dateHeureEtatCourant): compare the instants.
  if (/^\d{4}-\d{2}-\d{2}T/.test(ta) && /^\d{4}-\d{2}-\d{2}T/.test(tb)) return Date.parse(ta) - Date.parse(tb);
  return ta.localeCompare(tb, 'fr');
}

/** The Chorus facts of these invoices: a few queries for the whole batch. */
export async function invoiceFacts(
  deps: AppDeps,
  session: MirrorSession,
  items: readonly InvoiceSummary[],
): Promise<Map<string, InvoiceFacts>> {
  const ids = items.map((i) => i.id);
  if (ids.length === 0) return new Map();
  const [cppIds, structureIds, serviceIds, fluxRows, submissionRows, depositRows, firstEvents, downloadRows] =
    await Promise.all([
      cppIdsOf(deps.db, 'invoice', ids),
      cppIdsOf(deps.db, 'structure', [...items.map((i) => i.supplier.id), ...items.map((i) => i.buyer.id)]),
      cppIdsOf(
        deps.db,
        'service',
        items.flatMap((i) => (i.service ? [i.service.id] : [])),
      ),
      deps.db
        .select({
          invoiceId: chorusMirrorFluxItems.invoiceId,
          sequence: chorusMirrorFluxItems.fluxSequence,
          login: chorusTechnicalAccounts.login,
        })
        .from(chorusMirrorFluxItems)
        .innerJoin(chorusMirrorFluxes, eq(chorusMirrorFluxes.sequence, chorusMirrorFluxItems.fluxSequence))
        .innerJoin(chorusTechnicalAccounts, eq(chorusTechnicalAccounts.id, chorusMirrorFluxes.accountId))
        .where(inArray(chorusMirrorFluxItems.invoiceId, ids)),
      deps.db
        .select({
          invoiceId: chorusMirrorSubmissions.invoiceId,
          mode: chorusMirrorSubmissions.modeDepot,
          login: chorusTechnicalAccounts.login,
        })
        .from(chorusMirrorSubmissions)
        .innerJoin(chorusTechnicalAccounts, eq(chorusTechnicalAccounts.id, chorusMirrorSubmissions.accountId))
        .where(inArray(chorusMirrorSubmissions.invoiceId, ids)),
      deps.db
        .select({ invoiceId: deposits.invoiceId, channel: deposits.channel, size: blobs.size })
        .from(deposits)
        .innerJoin(blobs, eq(blobs.sha256, deposits.originalSha256))
        .where(and(inArray(deposits.invoiceId, ids), eq(deposits.outcome, 'accepted'))),
      deps.db
        .select({ invoiceId: invoiceEvents.invoiceId, actorName: invoiceEvents.actorName })
        .from(invoiceEvents)
        .where(and(inArray(invoiceEvents.invoiceId, ids), eq(invoiceEvents.sequence, 1))),
      session.role === 'accountant'
        ? deps.db
            .select({ invoiceId: chorusMirrorDownloads.invoiceId })
            .from(chorusMirrorDownloads)
            .where(
              and(
                inArray(chorusMirrorDownloads.invoiceId, ids),
                eq(chorusMirrorDownloads.structureId, session.structureId),
              ),
            )
        : Promise.resolve([]),
    ]);
  const flux = new Map(fluxRows.map((r) => [r.invoiceId as string, r]));
  const submissions = new Map(submissionRows.map((r) => [r.invoiceId, r]));
  const depositOf = new Map(depositRows.map((r) => [r.invoiceId as string, r]));
  const creators = new Map(firstEvents.map((r) => [r.invoiceId, r.actorName]));
  const downloaded = new Set(downloadRows.map((r) => r.invoiceId));
  const suppliers = new Map<string, InvoiceFacts['supplier']>();
  for (const supplierId of new Set(items.map((i) => i.supplier.id))) {
    const s = await getStructure(deps.db, supplierId);
    suppliers.set(supplierId, {
      cppId: structureIds.get(supplierId) ?? null,
      identifier: s?.siret ?? s?.vatNumber ?? '',
      kind: s?.siret ? 'SIRET' : 'UE_HORS_FRANCE',
    });
  }
  return new Map(
    items.map((i) => {
      const f = flux.get(i.id);
      const sub = submissions.get(i.id);
      const dep = depositOf.get(i.id);
      const modeDepot: ModeDepot = f
        ? 'DEPOT_FLUX'
        : sub
          ? (sub.mode as ModeDepot)
          : dep?.channel === 'web' || dep?.channel === 'import'
            ? 'DEPOT_PORTAIL'
            : 'DEPOT_FLUX';
      return [
        i.id,
        {
          cppId: cppIds.get(i.id) ?? 0,
          modeDepot,
          fluxNumber: f ? fluxNumber(f.sequence) : null,
          creator: f?.login ?? sub?.login ?? creators.get(i.id) ?? '',
          size: dep?.size ?? 0,
          downloaded: downloaded.has(i.id),
          supplier: suppliers.get(i.supplier.id) as InvoiceFacts['supplier'],
          buyerCppId: structureIds.get(i.buyer.id) ?? null,
          serviceCppId: i.service ? (serviceIds.get(i.service.id) ?? null) : null,
        },
      ];
    }),
  );
}

/** A decimal amount for the wire: Chorus sends amounts as JSON numbers; ours keep their exact decimal text. */
export const amount = (decimal: string): JsonAmount => new JsonAmount(decimal);

/** BT-3: 381 is a credit note. */
export const typeFacture = (typeCode: string): string => (typeCode === '381' ? 'AVOIR' : 'FACTURE');
