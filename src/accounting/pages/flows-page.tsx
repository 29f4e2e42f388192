// The accountant's accounting flows: every PES deposited for their structures, newest first, with its state and
// filters by state and file name.
import { FilterFold } from '../../web/components/filter-fold.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { PES_FLOW_STATUSES, PES_FLOW_STATUS_LABELS } from '../domain/statuses.ts';
import type { FlowListItem } from '../queries/flow-pages.ts';
import { FlowStatusBadge } from './flow-parts.tsx';

export const FLOWS_PAGE_SIZE = 50;

export function FlowsPage(props: {
  viewer: Viewer;
  items: FlowListItem[];
  total: number;
  page: number;
  query: URLSearchParams;
}) {
  const status = props.query.get('etat') ?? '';
  const nomFic = props.query.get('fichier') ?? '';
  const active = (status ? 1 : 0) + (nomFic ? 1 : 0);
  return (
    <Page title="Flux comptables" viewer={props.viewer} path="/flux-comptables">
      <h1>Flux comptables (PES)</h1>
      <p>
        <a class="button" href="/flux-comptables/deposer">
          Déposer un flux PES
        </a>{' '}
        <a href="/flux-comptables/retours">Retours du comptable public</a>
        {props.viewer.roles.includes('accountant') ? (
          <>
            {' · '}
            <a href="/flux-comptables/certificat">Certificat de signature</a>
          </>
        ) : null}
      </p>
      <FilterFold label="Filtrer les flux" active={active}>
        <form method="get" action="/flux-comptables" class="filters">
          <div class="field">
            <label for="etat">État</label>
            <select id="etat" name="etat">
              <option value="">Tous les états</option>
              {PES_FLOW_STATUSES.map((s) => (
                <option value={s} selected={s === status}>
                  {PES_FLOW_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="fichier">Nom du fichier (NomFic)</label>
            <input id="fichier" name="fichier" value={nomFic} autocomplete="off" />
          </div>
          <button type="submit">Filtrer</button>
        </form>
      </FilterFold>
      {props.items.length === 0 ? (
        <p>Aucun flux ne correspond.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Flux comptables</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Structure</th>
                <th scope="col">État</th>
                <th scope="col">Déposé le</th>
                <th scope="col">Anomalies</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((f) => (
                <tr>
                  <td>
                    <a href={`/flux-comptables/${f.id}`}>{f.nomFic || `Transaction ${f.transactionNumber}`}</a>
                  </td>
                  <td>{f.structureName}</td>
                  <td>
                    <FlowStatusBadge status={f.status} />
                    {f.alarm ? <span class="hint"> sans acquittement depuis 48 h</span> : null}
                  </td>
                  <td>{formatDateTime(f.createdAt)}</td>
                  <td>{f.issueCount > 0 ? String(f.issueCount) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        basePath="/flux-comptables"
        query={props.query}
        page={props.page}
        pageSize={FLOWS_PAGE_SIZE}
        total={props.total}
      />
    </Page>
  );
}
