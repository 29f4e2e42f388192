// The files the public accountant sent back (acknowledgements, PES_Retour) for the viewer's structures.
import { Pagination } from '../../web/components/pagination.tsx';
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { PES_RETURN_KIND_LABELS } from '../domain/statuses.ts';
import type { ReturnListItem } from '../queries/flow-pages.ts';

export const RETURNS_PAGE_SIZE = 50;

export function ReturnsPage(props: {
  viewer: Viewer;
  items: ReturnListItem[];
  total: number;
  page: number;
  query: URLSearchParams;
}) {
  return (
    <Page title="Retours du comptable public" viewer={props.viewer} path="/flux-comptables/retours">
      <p>
        <a href="/flux-comptables">← Flux comptables</a>
      </p>
      <h1>Retours du comptable public</h1>
      <p>Acquittements des flux envoyés et PES_Retour (mandats payés, titres encaissés) reçus d’Hélios.</p>
      {props.items.length === 0 ? (
        <p>Aucun retour reçu.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Retours reçus</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Nature</th>
                <th scope="col">Structure</th>
                <th scope="col">Reçu le</th>
                <th scope="col">Flux</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((r) => (
                <tr>
                  <td>
                    {r.remoteName}
                    {r.problem ? <span class="hint">{` ${r.problem}`}</span> : null}
                  </td>
                  <td>
                    {PES_RETURN_KIND_LABELS[r.kind]}
                    {r.acknowledgedAt ? <span class="hint"> accusé de réception envoyé</span> : null}
                  </td>
                  <td>{r.structureName ?? '—'}</td>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{r.flowId ? <a href={`/flux-comptables/${r.flowId}`}>{r.nomFic || 'Voir le flux'}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        basePath="/flux-comptables/retours"
        query={props.query}
        page={props.page}
        pageSize={RETURNS_PAGE_SIZE}
        total={props.total}
      />
    </Page>
  );
}
