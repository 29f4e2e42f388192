// `/actes/lots/:id`: a batch of drafts sent together, and each act's progress (status, IDActe, error).
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { BatchLine } from '../batches/send-batch.ts';
import { ActStatusBadge, ACTS_PATH, actPath } from './act-parts.tsx';
import { DRAFTS_PATH } from './drafts-page.tsx';

export const batchPath = (id: string) => `${ACTS_PATH}/lots/${id}`;

export function BatchPage(props: {
  viewer: Viewer;
  batch: { id: string; createdAt: string; createdBy: string; acts: BatchLine[] };
  notice?: string;
}) {
  const b = props.batch;
  const acknowledged = b.acts.filter((a) => a.idActe).length;
  return (
    <Page title="Lot d’actes transmis" viewer={props.viewer} path={DRAFTS_PATH}>
      <h1>Lot d’actes transmis</h1>
      {props.notice ? (
        <div class="notice notice-success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p>
        {`Envoyé le ${formatDateTime(new Date(b.createdAt))} par ${b.createdBy} : ${b.acts.length} acte${b.acts.length > 1 ? 's' : ''}, ${acknowledged} acquitté${acknowledged > 1 ? 's' : ''}.`}{' '}
        <a href={batchPath(b.id)}>Actualiser</a>
      </p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Avancement de chaque acte du lot</caption>
          <thead>
            <tr>
              <th scope="col">Numéro</th>
              <th scope="col">Objet</th>
              <th scope="col">État</th>
              <th scope="col">Identifiant ACTES</th>
            </tr>
          </thead>
          <tbody>
            {b.acts.map((a) => (
              <tr data-act={a.number}>
                <td>
                  <a href={actPath(a.id)}>{a.number}</a>
                </td>
                <td>{a.object}</td>
                <td>
                  <ActStatusBadge status={a.status} />
                  {a.error ? <span class="hint">{` ${a.error}`}</span> : null}
                </td>
                <td>{a.idActe ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
