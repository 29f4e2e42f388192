// `/actes/brouillons`: the drafts of the agent's collectivities, grouped by council meeting (« séance »), each with
// a checkbox; « Transmettre la sélection » sends the checked ones in one batch. A meeting's link checks all its
// drafts (`?seance=…`), so that a meeting's decisions go together without a script.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { formatDate } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { AgentActItem } from '../queries/agent-acts.ts';
import { ACTS_PATH, actPath, natureLabel } from './act-parts.tsx';

export const DRAFTS_PATH = `${ACTS_PATH}/brouillons`;
/** A meeting's key in the page: its label and date, either may be empty. */
export const meetingKey = (a: Pick<AgentActItem, 'meetingLabel' | 'meetingDate'>) =>
  `${a.meetingDate ?? ''}|${a.meetingLabel ?? ''}`;

function meetingTitle(a: Pick<AgentActItem, 'meetingLabel' | 'meetingDate'>): string {
  if (!a.meetingLabel && !a.meetingDate) return 'Sans séance';
  if (!a.meetingDate) return a.meetingLabel!;
  return `${a.meetingLabel ?? 'Séance'} (${formatDate(a.meetingDate)})`;
}

export function DraftsPage(props: {
  viewer: Viewer;
  drafts: AgentActItem[];
  selected: Set<string>;
  notice?: string;
  error?: string;
}) {
  const groups = new Map<string, AgentActItem[]>();
  for (const d of props.drafts) groups.set(meetingKey(d), [...(groups.get(meetingKey(d)) ?? []), d]);
  return (
    <Page title="Brouillons d’actes" viewer={props.viewer} path={DRAFTS_PATH}>
      <h1>Brouillons d’actes</h1>
      {props.error ? (
        <ErrorSummary
          lead="Rien n’est transmis"
          errors={[{ field: 'brouillons', message: props.error }]}
          fieldId={(f) => f}
        />
      ) : null}
      {props.notice ? (
        <div class="notice notice-success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p>
        <a class="button" href={`${ACTS_PATH}/nouveau`}>
          Nouvel acte
        </a>
      </p>
      <p class="hint">
        Un brouillon n’est pas transmis. Cochez les actes d’une séance (ou choisissez la séance pour tous les cocher),
        puis transmettez-les ensemble : chacun part dans sa propre archive.
      </p>
      {props.drafts.length === 0 ? (
        <p>Aucun brouillon.</p>
      ) : (
        <form method="post" action={DRAFTS_PATH} id="brouillons">
          <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
          {[...groups.entries()].map(([key, drafts], g) => (
            <fieldset>
              <legend>
                <a href={`${DRAFTS_PATH}?seance=${encodeURIComponent(key)}`}>{meetingTitle(drafts[0]!)}</a>
                {` – ${drafts.length} acte${drafts.length > 1 ? 's' : ''}`}
              </legend>
              <div class="table-scroll">
                <table>
                  <caption class="visually-hidden">{`Brouillons : ${meetingTitle(drafts[0]!)}`}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Sélection</th>
                      <th scope="col">Numéro</th>
                      <th scope="col">Objet</th>
                      <th scope="col">Nature</th>
                      <th scope="col">Décision</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drafts.map((d, i) => (
                      <tr data-draft={d.number}>
                        <td>
                          <input
                            type="checkbox"
                            id={`acte-${g}-${i}`}
                            name="actes"
                            value={d.id}
                            checked={props.selected.has(d.id)}
                            aria-label={`Sélectionner l’acte ${d.number}`}
                          />
                        </td>
                        <td>
                          <a href={actPath(d.id)}>{d.number}</a>
                        </td>
                        <td>{d.object}</td>
                        <td>{natureLabel(d.nature)}</td>
                        <td>{formatDate(d.decisionDate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          ))}
          <button type="submit">Transmettre la sélection</button>
        </form>
      )}
    </Page>
  );
}
