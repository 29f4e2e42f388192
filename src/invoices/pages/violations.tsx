// The validation report of a deposited invoice: each finding with its rule id, the business term in French, where, and why.
import { TERMS } from '../../../formats/index.ts';
import type { ReportedViolation } from '../deposit/refusal.ts';

/** `Numéro de facture (BT-1)`; several terms, or a group, each labelled. */
export function termsOf(bt: string): string {
  if (!bt.trim()) return '—';
  return bt
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((id) => {
      const clean = id.slice(id.lastIndexOf('/') + 1).replace(/\[\d+\]$/, '');
      const label = TERMS.get(clean)?.fr;
      return label ? `${label} (${clean})` : clean;
    })
    .join(', ');
}

export function ViolationsTable(props: { violations: readonly ReportedViolation[]; caption: string }) {
  return (
    <div class="table-scroll">
      <table class="violations card-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Règle</th>
            <th scope="col">Gravité</th>
            <th scope="col">Terme métier</th>
            <th scope="col">Explication</th>
            <th scope="col">Emplacement</th>
          </tr>
        </thead>
        <tbody>
          {props.violations.map((v) => (
            <tr class={v.severity === 'fatal' ? 'is-fatal' : undefined}>
              <td class="card-title">
                <code>{v.rule}</code>
              </td>
              <td data-label="Gravité">
                <span>{v.severity === 'fatal' ? 'Bloquante' : 'Avertissement'}</span>
              </td>
              <td data-label="Terme métier">
                <span>{termsOf(v.bt)}</span>
              </td>
              <td data-label="Explication" data-cell="explanation">
                <span>{v.message}</span>
              </td>
              <td data-label="Emplacement">
                <code class="path">{v.path || '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
