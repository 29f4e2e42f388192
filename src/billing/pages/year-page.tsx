// The year's run as the operator follows it: issued, paid, late, totals by tier, each contribution, the PES files,
// and the form to simulate or launch the run.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatDate, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { YearReport } from '../follow-up/year-report.ts';
import { PAYMENT_STATE_LABELS, RUN_STATUS_LABELS } from './labels.ts';
import { TierTotals } from './tier-totals.tsx';

export interface RunSummaryRow {
  id: string;
  dryRun: boolean;
  status: keyof typeof RUN_STATUS_LABELS;
  createdAt: Date;
}

export function YearPage(props: { viewer: Viewer; report: YearReport; runs: RunSummaryRow[]; error?: string }) {
  const r = props.report;
  return (
    <Page title={`Contributions ${r.year}`} viewer={props.viewer} path="/cotisations">
      <h1>{`Contributions des membres – exercice ${r.year}`}</h1>
      <p>
        <a href={`/cotisations/${r.year - 1}`}>{`← ${r.year - 1}`}</a> ·{' '}
        <a href={`/cotisations/${r.year + 1}`}>{`${r.year + 1} →`}</a> · <a href="/cotisations/grille">Grille</a> ·{' '}
        <a href="/cotisations/membres">Membres</a>
      </p>
      {props.error ? <Notice tone="error">{props.error}</Notice> : null}
      <form method="post" action="/cotisations/campagnes" class="actions">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        <input type="hidden" name="year" value={String(r.year)} />
        <button type="submit" name="dryRun" value="1" class="button secondary">
          Simuler la campagne
        </button>
        <button type="submit" name="dryRun" value="0" class="button">
          Émettre les contributions
        </button>
      </form>
      <h2>Suivi</h2>
      <dl class="facts">
        <dt>Émises</dt>
        <dd>{`${r.counts.issued} (${formatMoney(r.amounts.issued)})`}</dd>
        <dt>Payées</dt>
        <dd>{`${r.counts.paid} (${formatMoney(r.amounts.paid)})`}</dd>
        <dt>En retard</dt>
        <dd>{`${r.counts.late} (${formatMoney(r.amounts.late)})`}</dd>
        <dt>À payer</dt>
        <dd>{String(r.counts.pending)}</dd>
      </dl>
      <TierTotals totals={r.totalsByTier} caption={`Totaux par tranche, exercice ${r.year}`} />
      <p>
        <a href={`/cotisations/${r.year}/export.csv`}>Exporter en CSV</a>
      </p>
      {props.runs.length > 0 ? (
        <>
          <h2>Campagnes</h2>
          <ul>
            {props.runs.map((run) => (
              <li>
                <a href={`/cotisations/campagnes/${run.id}`}>
                  {`${run.dryRun ? 'Simulation' : 'Campagne'} du ${formatDate(run.createdAt)} – ${RUN_STATUS_LABELS[run.status]}`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.pesFiles.length > 0 ? (
        <>
          <h2>Titres de recettes (PES Aller)</h2>
          <ul>
            {r.pesFiles.map((p) => (
              <li>
                <a href={`/cotisations/${r.year}/pes?bordereau=${p.bordereau}`}>
                  {`Bordereau ${p.bordereau} : ${p.titles} titre(s), ${formatMoney(p.totalAmount)} (${p.nomFic})`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Contributions</h2>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{`Contributions ${r.year}, dans l’ordre des numéros`}</caption>
          <thead>
            <tr>
              <th scope="col">Numéro</th>
              <th scope="col">Membre</th>
              <th scope="col">Tranche</th>
              <th scope="col" class="num">
                Montant
              </th>
              <th scope="col">Échéance</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {r.contributions.map((c) => (
              <tr>
                <td>{c.invoiceId ? <a href={`/factures/${c.invoiceId}`}>{c.number}</a> : c.number}</td>
                <td>{c.memberName}</td>
                <td>
                  {c.tier ?? 'Montant propre'}
                  {c.billedDays !== c.yearDays ? (
                    <span class="hint">{` ${c.billedDays} j / ${c.yearDays}`}</span>
                  ) : null}
                </td>
                <td class="num">{formatMoney(c.totalAmount)}</td>
                <td>{formatDate(c.dueDate)}</td>
                <td>{PAYMENT_STATE_LABELS[c.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
