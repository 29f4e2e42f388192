// "Mes dépôts": every deposit attempt of the supplier, accepted or refused, newest first; and one deposit's report.
import { Notice } from '../../web/components/notice.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { DepositDetail, DepositOutcome, DepositPage, DepositSummary } from '../queries/deposit-history.ts';
import { DEPOSITS_PATH, depositPath } from './deposit-paths.ts';
import { ExistingInvoiceLink, RecipientServicesHelp } from './refusal-help.tsx';
import { fatalFirst, ViolationsTable } from './violations.tsx';

const CHANNEL_LABELS: Record<string, string> = {
  api: 'API',
  web: 'Fichier déposé sur le portail',
  import: 'Import en lot',
  chorus_mirror: 'Chorus Pro',
  chorus_sync: 'Chorus Pro',
  billing: 'Cotisations des membres',
  form: 'Saisie en ligne',
  pdf_data: 'PDF et saisie des données',
};
const channelLabel = (channel: string): string => CHANNEL_LABELS[channel] ?? channel;

function OutcomeBadge(props: { deposit: DepositSummary }) {
  return props.deposit.outcome === 'accepted' ? (
    <span class="badge badge-success">Acceptée</span>
  ) : (
    <span class="badge badge-danger">Refusée</span>
  );
}

/** What came of the deposit in one line: the invoice created, or the refusal's message. */
function Result(props: { deposit: DepositSummary }) {
  const d = props.deposit;
  if (d.invoice) return <a href={`/factures/${d.invoice.id}`}>{`Facture ${d.invoice.number}`}</a>;
  if (d.outcome === 'accepted') return <>Facture acceptée</>;
  return (
    <>
      {d.refusalMessage ?? 'Dépôt refusé'}
      {d.fatalCount > 0 ? <span class="hint">{`${d.fatalCount} anomalie(s) bloquante(s)`}</span> : null}
    </>
  );
}

export function DepositHistoryPage(props: {
  viewer: Viewer;
  page: DepositPage;
  outcome: DepositOutcome | undefined;
  manySuppliers: boolean;
}) {
  const { page } = props;
  const query = new URLSearchParams(props.outcome ? { resultat: props.outcome } : {});
  return (
    <Page title={`Mes dépôts${page.page > 1 ? ` – page ${page.page}` : ''}`} viewer={props.viewer} path={DEPOSITS_PATH}>
      <h1>Mes dépôts</h1>
      <p>
        Chaque facture envoyée au hub, acceptée ou refusée, avec son rapport : un refus dit quoi corriger avant de
        déposer de nouveau.
      </p>
      <form method="get" action={DEPOSITS_PATH} class="filters" role="search" aria-label="Filtrer mes dépôts">
        <div class="field">
          <label for="resultat">Résultat</label>
          <select id="resultat" name="resultat">
            <option value="">Tous les dépôts</option>
            <option value="refused" selected={props.outcome === 'refused'}>
              Refusés
            </option>
            <option value="accepted" selected={props.outcome === 'accepted'}>
              Acceptés
            </option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      <p aria-live="polite">{page.total === 0 ? 'Aucun dépôt.' : `${page.total} dépôt(s).`}</p>
      {page.items.length > 0 ? (
        <div class="table-scroll">
          <table class="card-table">
            <caption class="visually-hidden">Mes dépôts, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Déposé le</th>
                <th scope="col">Fichier</th>
                {props.manySuppliers ? <th scope="col">Fournisseur</th> : null}
                <th scope="col">Résultat</th>
                <th scope="col">Facture ou motif du refus</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr data-deposit={d.id} class={d.outcome === 'refused' ? 'is-fatal' : undefined}>
                  <td class="card-title" data-cell="date">
                    <a href={depositPath(d.id)}>{formatDateTime(d.depositedAt)}</a>
                  </td>
                  <td data-label="Fichier" data-cell="file">
                    <span>{d.fileName ?? channelLabel(d.channel)}</span>
                  </td>
                  {props.manySuppliers ? (
                    <td data-label="Fournisseur">
                      <span>{d.supplier.name}</span>
                    </td>
                  ) : null}
                  <td data-label="Résultat" data-cell="status">
                    <span>
                      <OutcomeBadge deposit={d} />
                    </span>
                  </td>
                  <td data-label="Facture ou motif" data-cell="result">
                    <span>
                      <Result deposit={d} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination basePath={DEPOSITS_PATH} query={query} page={page.page} pageSize={page.pageSize} total={page.total} />
    </Page>
  );
}

export function DepositReportPage(props: { viewer: Viewer; deposit: DepositDetail }) {
  const d = props.deposit;
  const when = formatDateTime(d.depositedAt);
  const report = fatalFirst(d.violations);
  return (
    <Page title={`Dépôt du ${when}`} viewer={props.viewer} path={DEPOSITS_PATH}>
      <p>
        <a href={DEPOSITS_PATH}>Mes dépôts</a>
      </p>
      <h1>{`Dépôt du ${when}`}</h1>
      <dl class="facts">
        <dt>Fichier</dt>
        <dd>{d.fileName ?? '—'}</dd>
        <dt>Mode de dépôt</dt>
        <dd>{channelLabel(d.channel)}</dd>
        <dt>Fournisseur</dt>
        <dd>{d.supplier.name}</dd>
        <dt>Résultat</dt>
        <dd>
          <OutcomeBadge deposit={d} />
        </dd>
      </dl>
      {d.outcome === 'accepted' ? (
        <Notice tone="success" title="Facture acceptée">
          <p>
            {d.invoice ? <a href={`/factures/${d.invoice.id}`}>{`Suivre la facture ${d.invoice.number}`}</a> : null}
          </p>
        </Notice>
      ) : (
        <Notice tone="error" title="Facture refusée">
          <p>{d.refusalMessage}</p>
          {d.refusalCode ? (
            <p>
              Code du refus : <code>{d.refusalCode}</code>
            </p>
          ) : null}
          <ExistingInvoiceLink refusal={d} />
          <p>
            <a href="/factures/deposer">Déposer la facture corrigée</a>
          </p>
        </Notice>
      )}
      <RecipientServicesHelp refusal={d} />
      {report.length > 0 ? (
        <ViolationsTable
          violations={report}
          caption={d.outcome === 'accepted' ? 'Avertissements' : 'Rapport de validation'}
        />
      ) : null}
    </Page>
  );
}
