// Sums by tier, as a table.
import { formatMoney } from '../../web/format.ts';

export function TierTotals(props: {
  caption: string;
  totals: { tier: string; members: number; amount: string; totalAmount: string }[];
}) {
  if (props.totals.length === 0) return <p>Aucune contribution.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tranche</th>
            <th scope="col" class="num">
              Membres
            </th>
            <th scope="col" class="num">
              Montant HT
            </th>
            <th scope="col" class="num">
              Montant TTC
            </th>
          </tr>
        </thead>
        <tbody>
          {props.totals.map((t) => (
            <tr>
              <td>{t.tier}</td>
              <td class="num">{String(t.members)}</td>
              <td class="num">{formatMoney(t.amount)}</td>
              <td class="num">{formatMoney(t.totalAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
