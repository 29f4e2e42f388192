// Pieces shared by the accounting pages: the flow's status badge, and the table of issues, each at its place in
// the file (bordereau, piece, line, PJ) so the accountant finds what to correct.
import { placeLabel, type CheckIssue } from '../domain/check-issue.ts';
import { PES_FLOW_STATUS_LABELS, type PesFlowStatus } from '../domain/statuses.ts';

const TONE: Record<PesFlowStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  NON_CONFORME: 'danger',
  POSTE: 'neutral',
  ATTENTE: 'neutral',
  TRANSMIS: 'info',
  ACQUITTE: 'success',
  INFORMATION_DISPONIBLE: 'warning',
  REFUSE: 'danger',
  ERREUR: 'danger',
};

export function FlowStatusBadge(props: { status: PesFlowStatus }) {
  return <span class={`badge badge-${TONE[props.status]}`}>{PES_FLOW_STATUS_LABELS[props.status]}</span>;
}

/** The place of an issue as the accountant reads it: « Bordereau 12, mandat 456, ligne 1 », or the file itself. */
export const issuePlace = (issue: CheckIssue): string => placeLabel(issue.place) || 'Fichier';

export function IssuesTable(props: { issues: readonly CheckIssue[]; caption: string; id?: string }) {
  if (props.issues.length === 0) return null;
  return (
    <div class="table-scroll" id={props.id}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Emplacement</th>
            <th scope="col">Élément</th>
            <th scope="col">Anomalie</th>
            <th scope="col">Code</th>
          </tr>
        </thead>
        <tbody>
          {props.issues.map((issue, i) => (
            <tr id={`anomalie-${i + 1}`} data-place={issuePlace(issue)}>
              <th scope="row">{issuePlace(issue)}</th>
              <td>
                <code>{issue.place.element}</code>
              </td>
              <td>{issue.message}</td>
              <td>
                <code>{issue.code}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
