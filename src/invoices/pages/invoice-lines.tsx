// The lines of an invoice in HTML, as cards on a phone; a very long invoice shows its first lines and says how
// many more the PDF holds.
import { formatDecimal, formatMoney } from '../../web/format.ts';
import type { InvoiceLineView } from './invoice-verbs.ts';

export const LINES_SHOWN = 200;

const decimal = (value: string | null): string => (value === null ? '—' : formatDecimal(value, 0));

export function InvoiceLines(props: { lines: readonly InvoiceLineView[] | undefined; currency: string }) {
  if (props.lines === undefined)
    return <p class="hint">Les lignes de la facture ne peuvent pas être lues pour le moment : voyez le PDF.</p>;
  if (props.lines.length === 0) return null;
  const shown = props.lines.slice(0, LINES_SHOWN);
  const more = props.lines.length - shown.length;
  return (
    <section aria-labelledby="lignes">
      <h2 id="lignes">{`Lignes de la facture (${props.lines.length})`}</h2>
      <div class="table-scroll">
        <table class="card-table invoice-lines">
          <caption class="visually-hidden">Lignes de la facture</caption>
          <thead>
            <tr>
              <th scope="col">Désignation</th>
              <th scope="col" class="num">
                Quantité
              </th>
              <th scope="col" class="num">
                Prix unitaire HT
              </th>
              <th scope="col">TVA</th>
              <th scope="col" class="num">
                Montant HT
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr>
                <td class="card-title text">
                  {l.name}
                  {l.description ? <span class="hint">{l.description}</span> : null}
                </td>
                <td class="num" data-label="Quantité">
                  <span>{`${decimal(l.quantity)}${l.unit ? ` ${l.unit}` : ''}`}</span>
                </td>
                <td class="num" data-label="Prix unitaire HT">
                  <span>{l.netPrice === null ? '—' : formatMoney(l.netPrice, props.currency)}</span>
                </td>
                <td data-label="TVA">
                  <span>{l.vat || '—'}</span>
                </td>
                <td class="num" data-label="Montant HT">
                  <span>{l.netAmount === null ? '—' : formatMoney(l.netAmount, props.currency)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p class="hint">{`${more} autre(s) ligne(s) : voir le PDF ou l’original.`}</p> : null}
    </section>
  );
}
