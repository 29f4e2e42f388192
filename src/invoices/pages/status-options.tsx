// The status choices of a list filter.
import { INVOICE_STATUSES as invoiceStatuses } from '../domain/statuses.ts';
import { STATUS_LABELS } from './invoice-verbs.ts';
import { STATUS_CHOICE_ALL, STATUS_CHOICE_TODO } from './list-query.ts';

export function StatusSelect(props: { value: string; side: 'supplier' | 'buyer' }) {
  return (
    <div class="field">
      <label for="statut">Statut</label>
      <select id="statut" name="statut">
        {props.side === 'buyer' ? (
          <option value={STATUS_CHOICE_TODO} selected={props.value === STATUS_CHOICE_TODO}>
            À traiter
          </option>
        ) : null}
        <option value={STATUS_CHOICE_ALL} selected={props.value === STATUS_CHOICE_ALL}>
          Tous les statuts
        </option>
        {invoiceStatuses.map((s) => (
          <option value={s} selected={props.value === s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}
