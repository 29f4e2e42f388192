// The validation report of a deposited invoice: each finding with its rule id, where it is in the supplier's terms
// (the business term in French and the invoice line), why, and for a total that does not add up the amount found
// and the amount expected. The XPath stays in the JSON answers, for software.
import { TERMS } from '../../../formats/index.ts';
import { formatDecimal } from '../../web/format.ts';
import type { ReportedViolation } from '../deposit/refusal.ts';
import { invoiceLineOf } from '../domain/violation-location.ts';

/** The blocking findings first, each kind in the validator's order. */
export function fatalFirst(violations: readonly ReportedViolation[]): ReportedViolation[] {
  return [...violations].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'fatal' ? -1 : 1));
}

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

/** `Montant net de ligne (BT-131), ligne 3 de la facture`; a file that cannot be read: its line and column. */
export function locationOf(v: Pick<ReportedViolation, 'bt' | 'path' | 'line'>): string {
  // An unreadable file has no business term: its path is the position in the file ("ligne 12, colonne 5").
  if (!v.bt.trim() && v.path && !v.path.startsWith('/')) return `Fichier, ${v.path}`;
  const line = v.line ?? invoiceLineOf(v.path);
  const term = termsOf(v.bt);
  if (line === undefined) return term === '—' ? 'Facture' : term;
  return term === '—' ? `Ligne ${line} de la facture` : `${term}, ligne ${line} de la facture`;
}

function Amounts(props: { amounts: NonNullable<ReportedViolation['amounts']> }) {
  const { found, expected } = props.amounts;
  return (
    <strong class="amounts" data-amounts>
      {` Montant indiqué : ${found === null ? 'absent' : formatDecimal(found)} ; montant attendu : ${formatDecimal(expected)}.`}
    </strong>
  );
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
            <th scope="col">Emplacement</th>
            <th scope="col">Explication</th>
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
              <td data-label="Emplacement" data-cell="location">
                <span>{locationOf(v)}</span>
              </td>
              <td data-label="Explication" data-cell="explanation">
                <span>
                  {v.message}
                  {v.amounts ? <Amounts amounts={v.amounts} /> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
