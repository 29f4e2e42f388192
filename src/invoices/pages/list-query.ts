// Reading the filters of an invoice list from the page's query string (French parameter names).
import { INVOICE_STATUSES as invoiceStatuses, OPEN_FOR_BUYER } from '../domain/statuses.ts';

export { OPEN_FOR_BUYER };
import type { InvoiceFilters, InvoiceSort, InvoiceStatus } from './invoice-verbs.ts';

export const PAGE_SIZE = 25;

/** Invoices waiting for the recipient to act: the accountant's default view. */

export const STATUS_CHOICE_TODO = 'a-traiter';
export const STATUS_CHOICE_ALL = 'toutes';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d{1,15}([.,]\d{1,2})?$/;

export interface ListQuery {
  filters: InvoiceFilters;
  /** The values to show back in the filter form. */
  form: {
    statut: string;
    q: string;
    du: string;
    au: string;
    structure: string;
    service: string;
    echeance: string;
    min: string;
    max: string;
    tri: string;
  };
  /** The query string without `page`, for pagination and export links. */
  params: URLSearchParams;
}

const text = (q: URLSearchParams, name: string, max = 100): string => (q.get(name) ?? '').trim().slice(0, max);

function isStatus(value: string): value is InvoiceStatus {
  return (invoiceStatuses as readonly string[]).includes(value);
}

/** Filters of a list; invalid values are ignored rather than failing the page. */
export function readListQuery(url: string, side: 'supplier' | 'buyer'): ListQuery {
  const q = new URL(url).searchParams;
  const defaultStatus = side === 'buyer' ? STATUS_CHOICE_TODO : STATUS_CHOICE_ALL;
  const statut = text(q, 'statut') || defaultStatus;
  const form = {
    statut,
    q: text(q, 'q'),
    du: DAY.test(text(q, 'du')) ? text(q, 'du') : '',
    au: DAY.test(text(q, 'au')) ? text(q, 'au') : '',
    structure: UUID.test(text(q, 'structure')) ? text(q, 'structure') : '',
    service: UUID.test(text(q, 'service')) ? text(q, 'service') : '',
    echeance: /^\d{1,3}$/.test(text(q, 'echeance')) ? text(q, 'echeance') : '',
    min: DECIMAL.test(text(q, 'min')) ? text(q, 'min') : '',
    max: DECIMAL.test(text(q, 'max')) ? text(q, 'max') : '',
    tri: ['echeance', 'depot-recent', 'depot-ancien'].includes(text(q, 'tri'))
      ? text(q, 'tri')
      : side === 'buyer'
        ? 'echeance'
        : 'depot-recent',
  };
  const statuses: InvoiceStatus[] | undefined =
    statut === STATUS_CHOICE_TODO ? [...OPEN_FOR_BUYER] : isStatus(statut) ? [statut] : undefined;
  const sort: InvoiceSort =
    form.tri === 'echeance' ? 'dueDate' : form.tri === 'depot-ancien' ? 'depositDate' : '-depositDate';
  const filters: InvoiceFilters = {
    statuses,
    text: form.q || undefined,
    depositDateFrom: form.du || undefined,
    depositDateTo: form.au || undefined,
    buyerId: form.structure || undefined,
    serviceId: form.service || undefined,
    dueWithinDays: form.echeance ? Number(form.echeance) : undefined,
    amountMin: form.min ? form.min.replace(',', '.') : undefined,
    amountMax: form.max ? form.max.replace(',', '.') : undefined,
    sort,
    page: Math.min(10_000, Math.max(1, Number.parseInt(q.get('page') ?? '1', 10) || 1)),
    pageSize: PAGE_SIZE,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v && !(k === 'statut' && v === defaultStatus)) params.set(k, v);
  return { filters, form, params };
}
