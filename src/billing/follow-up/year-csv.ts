// CSV export of a year's contributions: number, member, tier, days, amounts, due date, invoice status, state.
import { csvDecimal, toCsv, type CsvColumn } from '../../web/csv.ts';
import { PAYMENT_STATE_LABELS } from '../domain/payment-state.ts';
import type { YearContribution, YearReport } from './year-report.ts';

const COLUMNS: CsvColumn<YearContribution>[] = [
  { header: 'Numéro', value: (c) => c.number },
  { header: 'Membre', value: (c) => c.memberName },
  { header: 'Tranche', value: (c) => c.tier ?? 'Montant propre' },
  { header: 'Jours facturés', value: (c) => c.billedDays },
  { header: 'Jours de l’exercice', value: (c) => c.yearDays },
  { header: 'Montant HT', value: (c) => csvDecimal(c.amount) },
  { header: 'TVA', value: (c) => csvDecimal(c.vatAmount) },
  { header: 'Montant TTC', value: (c) => csvDecimal(c.totalAmount) },
  { header: 'Date d’émission', value: (c) => c.issueDate },
  { header: 'Échéance', value: (c) => c.dueDate },
  { header: 'Statut de la facture', value: (c) => c.invoiceStatus ?? '' },
  { header: 'État', value: (c) => PAYMENT_STATE_LABELS[c.state] },
  { header: 'Payée le', value: (c) => c.paidOn ?? '' },
  { header: 'Bordereau PES', value: (c) => c.pesBordereau ?? '' },
];

export const yearCsv = (report: YearReport): string => toCsv(COLUMNS, report.contributions);
