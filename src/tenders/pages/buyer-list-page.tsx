// A buyer's consultations with their state, and the operator's list of consultations whose deadline passed without
// opening: the same table.
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { BuyerConsultationRow } from '../consultations/buyer-consultations.ts';
import { StatusBadge } from './tender-parts.tsx';

function ConsultationsTable(props: { rows: BuyerConsultationRow[]; caption: string; showBuyer: boolean }) {
  return (
    <div class="table-scroll">
      <table class="card-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Consultation</th>
            {props.showBuyer ? <th scope="col">Acheteur</th> : null}
            <th scope="col">Lots</th>
            <th scope="col">Dernière date limite</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td data-label="Consultation" data-cell="number">
                <a href={`/acheteur/consultations/${r.id}`}>{r.title}</a> <span class="hint">{r.reference}</span>
                {r.isTest ? <span class="badge badge-warning">Test</span> : null}
              </td>
              {props.showBuyer ? (
                <td data-label="Acheteur" data-cell="party">
                  {r.buyer}
                </td>
              ) : null}
              <td data-label="Lots">{r.lots}</td>
              <td data-label="Dernière date limite" data-cell="due">
                {formatDateTime(r.lastDeadline)}
              </td>
              <td data-label="État" data-cell="status">
                <StatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BuyerListPage(props: { viewer: Viewer; rows: BuyerConsultationRow[] }) {
  return (
    <Page title="Mes consultations" viewer={props.viewer} path="/acheteur/consultations">
      <h1>Mes consultations</h1>
      <p>
        <a href="/acheteur/consultations/nouvelle" class="button">
          Nouvelle consultation
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>Aucune consultation pour l’instant.</p>
      ) : (
        <ConsultationsTable rows={props.rows} caption="Consultations de vos acheteurs" showBuyer={false} />
      )}
    </Page>
  );
}

export function UnopenedPage(props: { viewer: Viewer; rows: BuyerConsultationRow[] }) {
  return (
    <Page title="Consultations à ouvrir" viewer={props.viewer} path="/operateur/consultations-a-ouvrir">
      <h1>Consultations dont les plis attendent l’ouverture</h1>
      <p>La date limite est passée et aucun agent de l’acheteur n’a encore ouvert les plis.</p>
      {props.rows.length === 0 ? (
        <p>Aucune consultation en attente d’ouverture.</p>
      ) : (
        <ConsultationsTable rows={props.rows} caption="Date limite passée, plis non ouverts" showBuyer />
      )}
    </Page>
  );
}
