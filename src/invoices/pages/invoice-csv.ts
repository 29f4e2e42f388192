// CSV export of an invoice list: every page of the filtered list, French headers.
import type { Actor } from '../../platform/auth/index.ts';
import type { AppDeps } from '../../platform/http.ts';
import { csvDecimal, toCsv, type CsvColumn } from '../../web/csv.ts';
import { formatDate } from '../../web/format.ts';
import {
  listInvoices,
  MAX_PAGE_SIZE,
  STATUS_LABELS,
  type InvoiceFilters,
  type InvoiceSummary,
} from './invoice-verbs.ts';

/** At most this many rows in one export. */
export const MAX_EXPORT_ROWS = 20_000;

const COLUMNS: CsvColumn<InvoiceSummary>[] = [
  { header: 'Numéro', value: (i) => i.number },
  { header: 'Fournisseur', value: (i) => i.supplier.name },
  { header: 'Destinataire', value: (i) => i.buyer.name },
  { header: 'SIRET destinataire', value: (i) => i.buyer.siret },
  { header: 'Code service', value: (i) => i.service?.code ?? '' },
  { header: 'N° d’engagement', value: (i) => i.engagementNumber ?? '' },
  { header: 'Date d’émission', value: (i) => formatDate(i.issueDate) },
  { header: 'Date de dépôt', value: (i) => formatDate(i.depositedAt) },
  { header: 'Montant HT', value: (i) => csvDecimal(i.totalWithoutVat) },
  { header: 'TVA', value: (i) => csvDecimal(i.totalVat) },
  { header: 'Montant TTC', value: (i) => csvDecimal(i.totalWithVat) },
  { header: 'Devise', value: (i) => i.currency },
  { header: 'Statut', value: (i) => STATUS_LABELS[i.status] },
  { header: 'Date limite de paiement', value: (i) => (i.legalDueAt ? formatDate(i.legalDueAt) : '') },
];

export async function invoicesCsv(deps: AppDeps, actor: Actor, filters: InvoiceFilters): Promise<string> {
  const rows: InvoiceSummary[] = [];
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const chunk = await listInvoices(deps, actor, { ...filters, page, pageSize: MAX_PAGE_SIZE });
    rows.push(...chunk.items);
    if (chunk.items.length < MAX_PAGE_SIZE || rows.length >= chunk.total) break;
  }
  return toCsv(COLUMNS, rows.slice(0, MAX_EXPORT_ROWS));
}
