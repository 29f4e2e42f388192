// Member EPCIs of the syndicat with their population (the flat-fee tiers depend on it).
import { formatCount } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { StructureSummary } from '../types.ts';
import { EPCI_NATURE_LABELS } from '../domain/labels.ts';

export function EpciPage(props: { viewer: Viewer; epcis: StructureSummary[] }) {
  const total = props.epcis.reduce((sum, e) => sum + (e.population ?? 0), 0);
  return (
    <Page title="EPCI membres" viewer={props.viewer} path="/annuaire/epci">
      <h1>EPCI membres</h1>
      <div class="toolbar">
        <p>{`${formatCount(props.epcis.length)} EPCI, ${formatCount(total)} habitants au total.`}</p>
        <a href="/annuaire/epci/export.csv">Exporter en CSV</a>
      </div>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">EPCI membres, par population décroissante</caption>
          <thead>
            <tr>
              <th scope="col">EPCI</th>
              <th scope="col">Nature</th>
              <th scope="col">SIREN</th>
              <th scope="col" class="num">
                Population
              </th>
            </tr>
          </thead>
          <tbody>
            {props.epcis.map((e) => (
              <tr>
                <td>
                  <a href={`/annuaire/${e.id}`}>{e.name}</a>
                </td>
                <td>{e.epciNature ? EPCI_NATURE_LABELS[e.epciNature] : '—'}</td>
                <td>{e.siren ?? '—'}</td>
                <td class="num">{e.population === null ? '—' : formatCount(e.population)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
