// One run: per member the outcome, tier, amount, invoice and its status; the sums; what blocked a member.
import { Page } from '../../web/layout/page.tsx';
import { formatDateTime, formatMoney } from '../../web/format.ts';
import type { Viewer } from '../../web/viewer.ts';
import type { RunReport } from '../runs/run-report.ts';
import { LINE_OUTCOME_LABELS, RUN_STATUS_LABELS } from './labels.ts';
import { TierTotals } from './tier-totals.tsx';
import { Notice } from '../../web/components/notice.tsx';

export function RunPage(props: { viewer: Viewer; run: RunReport }) {
  const run = props.run;
  const title = `${run.dryRun ? 'Simulation' : 'Campagne'} ${run.year}`;
  return (
    <Page title={title} viewer={props.viewer} path="/cotisations">
      <h1>{title}</h1>
      <p>
        <a href={`/cotisations/${run.year}`}>{`← Exercice ${run.year}`}</a>
      </p>
      <p>{`${RUN_STATUS_LABELS[run.status]} – demandée le ${formatDateTime(run.createdAt)}`}</p>
      {run.status === 'PENDING' || run.status === 'RUNNING' ? (
        <Notice tone="info">La campagne est en cours : rechargez la page pour suivre son avancement.</Notice>
      ) : null}
      {run.failure ? <Notice tone="error">{run.failure}</Notice> : null}
      <p>
        {`${run.counts.ISSUED} émise(s), ${run.counts.PLANNED} à émettre, ${run.counts.ALREADY_ISSUED} déjà émise(s), ${run.counts.BLOCKED} bloquée(s) ; total ${formatMoney(run.total.totalAmount)}.`}
      </p>
      <TierTotals totals={run.totalsByTier} caption="Totaux par tranche de cette campagne" />
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Membres de la campagne</caption>
          <thead>
            <tr>
              <th scope="col">Membre</th>
              <th scope="col">Résultat</th>
              <th scope="col">Tranche</th>
              <th scope="col" class="num">
                Montant
              </th>
              <th scope="col">Facture</th>
              <th scope="col">Statut de la facture</th>
            </tr>
          </thead>
          <tbody>
            {run.lines.map((l) => (
              <tr>
                <td>{l.memberName}</td>
                <td>
                  {LINE_OUTCOME_LABELS[l.outcome]}
                  {l.message ? <span class="hint">{` ${l.message}`}</span> : null}
                </td>
                <td>{l.tier ?? (l.amount ? 'Montant propre' : '—')}</td>
                <td class="num">{l.totalAmount ? formatMoney(l.totalAmount) : '—'}</td>
                <td>{l.invoiceId ? <a href={`/factures/${l.invoiceId}`}>{l.number}</a> : (l.number ?? '—')}</td>
                <td>{l.invoiceStatus ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
