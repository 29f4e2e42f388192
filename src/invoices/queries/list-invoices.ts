// Lists of invoices for both sides, filtered, sorted and paginated; each actor sees only what it may.
import { isCalendarDate } from '../../platform/calendar/index.ts';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { services, structures } from '../../../db/schema/directory.ts';
import { invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import { requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { invalidInput } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { tryDec } from '../../../formats/index.ts';
import { visibleInvoices } from './visibility.ts';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const INVOICE_SORTS = ['dueDate', '-dueDate', 'depositDate', '-depositDate'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

/** Statuses after which no payment deadline runs any more. */
const CLOSED: InvoiceStatus[] = ['MISE_EN_PAIEMENT', 'REJETEE'];

export interface InvoiceFilters {
  statuses?: InvoiceStatus[] | undefined;
  supplierId?: string | undefined;
  buyerId?: string | undefined;
  serviceId?: string | undefined;
  /** Issue date (BT-2) bounds, inclusive, YYYY-MM-DD. */
  issueDateFrom?: string | undefined;
  issueDateTo?: string | undefined;
  /** Deposit date bounds, inclusive, YYYY-MM-DD, as calendar days in Paris. */
  depositDateFrom?: string | undefined;
  depositDateTo?: string | undefined;
  /** Bounds on the total with VAT (BT-112), decimal strings. */
  amountMin?: string | undefined;
  amountMax?: string | undefined;
  /** Open invoices whose legal due date falls within this many days from now (overdue ones included). */
  dueWithinDays?: number | undefined;
  /** Part of the invoice number, any case. */
  text?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  sort?: InvoiceSort | undefined;
}

export interface InvoiceSummary {
  id: string;
  number: string;
  issueDate: string;
  typeCode: string;
  currency: string;
  totalWithoutVat: string;
  totalVat: string;
  totalWithVat: string;
  amountDue: string;
  status: InvoiceStatus;
  statusChangedAt: string;
  depositedAt: string;
  legalDueAt: string | null;
  supplier: { id: string; name: string };
  buyer: { id: string; name: string; siret: string };
  service: { id: string; code: string; label: string } | null;
  engagementNumber: string | null;
}

export interface InvoicePage {
  items: InvoiceSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listInvoices(
  deps: AppDeps,
  actor: Actor | undefined,
  filters: InvoiceFilters = {},
): Promise<InvoicePage> {
  const present = requireActorPresent(actor);
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(filters.pageSize ?? DEFAULT_PAGE_SIZE)));
  const where = and(visibleInvoices(present), ...conditions(filters, deps.clock.now()));

  const [rows, [counted]] = await Promise.all([
    deps.db
      .select({
        invoice: invoices,
        buyerName: structures.name,
        serviceCode: services.code,
        serviceLabel: services.label,
      })
      .from(invoices)
      .innerJoin(structures, eq(structures.id, invoices.buyerId))
      .leftJoin(services, eq(services.id, invoices.serviceId))
      .where(where)
      .orderBy(...ordering(filters.sort ?? '-depositDate'))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    deps.db.select({ n: count() }).from(invoices).where(where),
  ]);
  return { items: rows.map(toSummary), total: counted?.n ?? 0, page, pageSize };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function checkFormats(f: InvoiceFilters): void {
  for (const key of ['supplierId', 'buyerId', 'serviceId'] as const) {
    const value = f[key];
    if (value !== undefined && !UUID.test(value))
      throw invalidInput(`Le filtre ${key} doit être un identifiant (UUID).`);
  }
  for (const key of ['issueDateFrom', 'issueDateTo', 'depositDateFrom', 'depositDateTo'] as const) {
    const value = f[key];
    if (value !== undefined && (!DAY.test(value) || !isCalendarDate(value))) {
      throw invalidInput(`Le filtre ${key} doit être une date AAAA-MM-JJ qui existe dans le calendrier.`);
    }
  }
  if (f.dueWithinDays !== undefined && !(Number.isInteger(f.dueWithinDays) && f.dueWithinDays >= 0)) {
    throw invalidInput('Le filtre dueWithinDays doit être un nombre entier de jours, positif ou nul.');
  }
}

function conditions(f: InvoiceFilters, now: Date): SQL[] {
  checkFormats(f);
  const out: SQL[] = [];
  if (f.statuses && f.statuses.length > 0) out.push(inArray(invoices.status, f.statuses));
  if (f.supplierId) out.push(eq(invoices.supplierId, f.supplierId));
  if (f.buyerId) out.push(eq(invoices.buyerId, f.buyerId));
  if (f.serviceId) out.push(eq(invoices.serviceId, f.serviceId));
  if (f.issueDateFrom) out.push(gte(invoices.issueDate, f.issueDateFrom));
  if (f.issueDateTo) out.push(lte(invoices.issueDate, f.issueDateTo));
  const depositDay = sql`(${invoices.createdAt} at time zone 'Europe/Paris')::date`;
  if (f.depositDateFrom) out.push(sql`${depositDay} >= ${f.depositDateFrom}::date`);
  if (f.depositDateTo) out.push(sql`${depositDay} <= ${f.depositDateTo}::date`);
  if (f.amountMin !== undefined) out.push(gte(invoices.totalWithVat, decimal(f.amountMin, 'amountMin')));
  if (f.amountMax !== undefined) out.push(lte(invoices.totalWithVat, decimal(f.amountMax, 'amountMax')));
  if (f.dueWithinDays !== undefined) {
    const limit = new Date(now.getTime() + f.dueWithinDays * 86_400_000);
    out.push(isNotNull(invoices.legalDueAt), lte(invoices.legalDueAt, limit), notInArray(invoices.status, CLOSED));
  }
  const text = f.text?.trim();
  if (text) out.push(ilike(invoices.number, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return out;
}

function decimal(value: string, field: string): string {
  const parsed = tryDec(value);
  if (parsed === undefined)
    throw invalidInput(`Le montant ${field} "${value}" n’est pas un nombre décimal (ex. 1250.50).`);
  return parsed.toFixed();
}

function ordering(sort: InvoiceSort): SQL[] {
  switch (sort) {
    case 'dueDate':
      return [sql`${invoices.legalDueAt} asc nulls last`, asc(invoices.createdAt), asc(invoices.id)];
    case '-dueDate':
      return [sql`${invoices.legalDueAt} desc nulls last`, desc(invoices.createdAt), desc(invoices.id)];
    case 'depositDate':
      return [asc(invoices.createdAt), asc(invoices.id)];
    case '-depositDate':
      return [desc(invoices.createdAt), desc(invoices.id)];
  }
}

type Row = {
  invoice: typeof invoices.$inferSelect;
  buyerName: string;
  serviceCode: string | null;
  serviceLabel: string | null;
};

export function toSummary({ invoice: i, buyerName, serviceCode, serviceLabel }: Row): InvoiceSummary {
  return {
    id: i.id,
    number: i.number,
    issueDate: i.issueDate,
    typeCode: i.typeCode,
    currency: i.currency,
    totalWithoutVat: i.totalWithoutVat,
    totalVat: i.totalVat,
    totalWithVat: i.totalWithVat,
    amountDue: i.amountDue,
    status: i.status,
    statusChangedAt: i.statusChangedAt.toISOString(),
    depositedAt: i.createdAt.toISOString(),
    legalDueAt: i.legalDueAt?.toISOString() ?? null,
    supplier: { id: i.supplierId, name: i.supplierName },
    buyer: { id: i.buyerId, name: buyerName, siret: i.buyerSiret },
    service:
      i.serviceId && serviceCode !== null && serviceLabel !== null
        ? { id: i.serviceId, code: serviceCode, label: serviceLabel }
        : null,
    engagementNumber: i.engagementNumber,
  };
}
