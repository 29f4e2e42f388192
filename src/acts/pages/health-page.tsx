// `/operateur/actes`: the transmission's health for the operator — acts without an acknowledgement 4 hours after
// their sending (or never sent), acts in anomaly, and the answer mails kept aside.
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { TransmissionHealth, WatchedAct } from '../queries/transmission-health.ts';
import { ActStatusBadge, actPath } from './act-parts.tsx';

export const HEALTH_PATH = '/operateur/actes';

function ActsTable(props: { id: string; caption: string; acts: WatchedAct[]; empty: string; sinceLabel: string }) {
  if (props.acts.length === 0) return <p>{props.empty}</p>;
  return (
    <div class="table-scroll">
      <table id={props.id}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Acte</th>
            <th scope="col">Collectivité</th>
            <th scope="col">État</th>
            <th scope="col">Archive</th>
            <th scope="col">{props.sinceLabel}</th>
            <th scope="col">Anomalie</th>
          </tr>
        </thead>
        <tbody>
          {props.acts.map((a) => (
            <tr>
              <td>
                <a href={actPath(a.id)}>{a.number}</a>
              </td>
              <td>{a.structureName}</td>
              <td>
                <ActStatusBadge status={a.status} />
              </td>
              <td>{a.archiveName ?? '—'}</td>
              <td>{formatDateTime(a.since)}</td>
              <td>{a.error ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HealthPage(props: { viewer: Viewer; health: TransmissionHealth }) {
  const h = props.health;
  return (
    <Page title="Transmission des actes" viewer={props.viewer} path={HEALTH_PATH}>
      <h1>Transmission des actes à la préfecture</h1>
      <h2>{`Sans accusé de réception après 4 heures (${h.unacknowledged.length})`}</h2>
      <ActsTable
        id="sans-accuse"
        caption="Actes sans accusé de réception"
        acts={h.unacknowledged}
        empty="Tous les actes envoyés depuis plus de 4 heures sont acquittés."
        sinceLabel="Envoyé ou créé le"
      />
      <h2>{`Anomalies (${h.anomalies.length})`}</h2>
      <ActsTable
        id="anomalies"
        caption="Actes en anomalie"
        acts={h.anomalies}
        empty="Aucun acte en anomalie."
        sinceLabel="Depuis le"
      />
      <h2>{`Courriels mis de côté (${h.keptAside.length})`}</h2>
      <p class="hint">
        Réponses du ministère illisibles ou sans acte correspondant : gardées telles que reçues, sans effet sur les
        actes.
      </p>
      {h.keptAside.length === 0 ? (
        <p>Aucun courriel mis de côté.</p>
      ) : (
        <div class="table-scroll">
          <table id="courriels">
            <caption class="visually-hidden">Courriels mis de côté</caption>
            <thead>
              <tr>
                <th scope="col">Reçu le</th>
                <th scope="col">Objet du courriel</th>
                <th scope="col">Problème</th>
              </tr>
            </thead>
            <tbody>
              {h.keptAside.map((m) => (
                <tr>
                  <td>{formatDateTime(m.receivedAt)}</td>
                  <td>{m.subject || '(sans objet)'}</td>
                  <td>{m.problem ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
