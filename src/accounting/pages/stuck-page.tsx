// The operator's watch list of accounting flows: no acknowledgement after 48 h, errors (an upload that failed every
// retry is one, with the transport's message), and flows never sent.
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { StuckFlow } from '../queries/flow-pages.ts';
import { FlowStatusBadge } from './flow-parts.tsx';

const REASONS: Record<StuckFlow['reason'], string> = {
  NO_ACK: 'Transmis sans acquittement depuis plus de 48 h',
  ERROR: 'En erreur',
  NOT_SENT: 'Pas encore transmis après 48 h',
};

export function StuckFlowsPage(props: { viewer: Viewer; flows: StuckFlow[] }) {
  return (
    <Page title="Flux comptables bloqués" viewer={props.viewer} path="/operateur/flux-comptables">
      <h1>Flux comptables bloqués</h1>
      {props.flows.length === 0 ? (
        <p>Aucun flux bloqué.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Flux bloqués</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Structure</th>
                <th scope="col">Situation</th>
                <th scope="col">Depuis</th>
                <th scope="col">Dernière anomalie</th>
              </tr>
            </thead>
            <tbody>
              {props.flows.map((f) => (
                <tr>
                  <td>
                    <a href={`/flux-comptables/${f.id}`}>{f.nomFic || `Transaction ${f.transactionNumber}`}</a>
                  </td>
                  <td>{f.structureName}</td>
                  <td>
                    <FlowStatusBadge status={f.status} /> <span class="hint">{REASONS[f.reason]}</span>
                  </td>
                  <td>{formatDateTime(f.transmittedAt ?? f.statusChangedAt)}</td>
                  <td>{f.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
