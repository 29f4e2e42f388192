// The agent's acts: every act of their structures, newest first, with its status, IDActe, the days left in the
// préfet's two months, and the prefecture's letters waiting for an answer (late ones highlighted); filters.
import { activeFilters, FilterFold } from '../../web/components/filter-fold.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { formatDate } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { ANSWER_LATE_AFTER_DAYS } from '../domain/letter-answers.ts';
import { ACT_NATURES } from '../domain/natures.ts';
import { ACT_STATUSES, STATUS_LABELS } from '../domain/statuses.ts';
import type { AgentActItem } from '../queries/agent-acts.ts';
import { ActStatusBadge, ACTS_PATH, actPath, natureLabel, windowText } from './act-parts.tsx';

export const ACTS_PAGE_SIZE = 25;

export interface ListedAct extends AgentActItem {
  daysLeft: number | null;
}

function Answers(props: { act: ListedAct }) {
  const { awaitingAnswers, lateAnswers } = props.act;
  if (awaitingAnswers === 0) return <>—</>;
  if (lateAnswers > 0)
    return (
      <span class="late" data-late-answer>
        {`${lateAnswers} réponse${lateAnswers > 1 ? 's' : ''} en retard`}
      </span>
    );
  return <>{`${awaitingAnswers} courrier${awaitingAnswers > 1 ? 's' : ''} à traiter`}</>;
}

export function ActsListPage(props: {
  viewer: Viewer;
  items: ListedAct[];
  total: number;
  page: number;
  query: URLSearchParams;
}) {
  const q = (name: string) => props.query.get(name) ?? '';
  return (
    <Page title="Actes transmis à la préfecture" viewer={props.viewer} path={ACTS_PATH}>
      <h1>Actes transmis à la préfecture</h1>
      <p>
        <a class="button" href={`${ACTS_PATH}/nouveau`}>
          Transmettre un acte
        </a>{' '}
        <a class="button secondary" href={`${ACTS_PATH}/brouillons`}>
          Brouillons et envoi par séance
        </a>
      </p>
      <p class="hint">
        {`Une réponse à un courrier de la préfecture est signalée en retard ${ANSWER_LATE_AFTER_DAYS} jours après sa réception.`}
      </p>
      <FilterFold label="Filtrer les actes" active={activeFilters(props.query)}>
        <form method="get" action={ACTS_PATH} class="filters">
          <div class="field">
            <label for="recherche">Numéro ou mots de l’objet</label>
            <input id="recherche" name="recherche" value={q('recherche')} maxlength={200} autocomplete="off" />
          </div>
          <div class="field">
            <label for="etat">État</label>
            <select id="etat" name="etat">
              <option value="">Tous les états</option>
              {ACT_STATUSES.map((s) => (
                <option value={s} selected={s === q('etat')}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="nature">Nature</label>
            <select id="nature" name="nature">
              <option value="">Toutes les natures</option>
              {Object.entries(ACT_NATURES).map(([code, n]) => (
                <option value={code} selected={code === q('nature')}>
                  {n.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="du">Décision du</label>
            <input id="du" name="du" type="date" value={q('du')} />
          </div>
          <div class="field">
            <label for="au">au</label>
            <input id="au" name="au" type="date" value={q('au')} />
          </div>
          <div class="field">
            <label for="en-retard">
              <input id="en-retard" name="en_retard" type="checkbox" value="1" checked={q('en_retard') === '1'} />{' '}
              Seulement les réponses en retard
            </label>
          </div>
          <button type="submit">Filtrer</button>
        </form>
      </FilterFold>
      {props.items.length === 0 ? (
        <p>Aucun acte ne correspond.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Actes, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Objet</th>
                <th scope="col">Nature</th>
                <th scope="col">Décision</th>
                <th scope="col">État</th>
                <th scope="col">Identifiant ACTES</th>
                <th scope="col">Délai de contrôle</th>
                <th scope="col">Courriers de la préfecture</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((a) => (
                <tr data-act={a.number}>
                  <td>
                    <a href={actPath(a.id)}>{a.number}</a>
                  </td>
                  <td>{a.object}</td>
                  <td>{natureLabel(a.nature)}</td>
                  <td>{formatDate(a.decisionDate)}</td>
                  <td>
                    <ActStatusBadge status={a.status} />
                  </td>
                  <td>{a.idActe ?? '—'}</td>
                  <td>
                    {windowText(a.daysLeft, a.windowSuspended > 0)}
                    {a.windowEndsOn && a.daysLeft !== null ? (
                      <span class="hint">{` (jusqu’au ${formatDate(a.windowEndsOn)})`}</span>
                    ) : null}
                  </td>
                  <td>
                    <Answers act={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        basePath={ACTS_PATH}
        query={props.query}
        page={props.page}
        pageSize={ACTS_PAGE_SIZE}
        total={props.total}
      />
    </Page>
  );
}
