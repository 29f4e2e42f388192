// The legal due date of an invoice in a list, with the days left (late in red, soon in amber); none once closed.
import { daysLeft, describeDaysLeft, formatDate } from '../../web/format.ts';
import type { InvoiceSummary } from './invoice-verbs.ts';

const CLOSED = new Set(['MISE_EN_PAIEMENT', 'REJETEE']);

export function DueCell(props: { invoice: InvoiceSummary; now: Date }) {
  const i = props.invoice;
  const label = 'Échéance';
  if (!i.legalDueAt)
    return (
      <td data-label={label} data-cell="due">
        {i.status === 'SUSPENDUE' ? 'suspendu' : '—'}
      </td>
    );
  if (CLOSED.has(i.status))
    return (
      <td data-label={label} data-cell="due">
        {formatDate(i.legalDueAt)}
      </td>
    );
  const left = daysLeft(i.legalDueAt, props.now);
  return (
    <td data-label={label} data-cell="due">
      <span>
        {formatDate(i.legalDueAt)}
        <span class={`hint ${left < 0 ? 'late' : left <= 7 ? 'soon' : ''}`}>{describeDaysLeft(left)}</span>
      </span>
    </td>
  );
}

export function isLate(i: InvoiceSummary, now: Date): boolean {
  return i.legalDueAt !== null && !CLOSED.has(i.status) && daysLeft(i.legalDueAt, now) < 0;
}
