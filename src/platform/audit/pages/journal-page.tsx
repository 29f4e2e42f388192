// The operator's journal: who changed what, when, searched by subject, actor, structure and Paris days.
import { Notice } from '../../../web/components/notice.tsx';
import { Pagination } from '../../../web/components/pagination.tsx';
import { formatCount } from '../../../web/format.ts';
import { Page } from '../../../web/layout/page.tsx';
import type { Viewer } from '../../../web/viewer.ts';
import type { AuditEvent, AuditSearchResult } from '../types.ts';
import { ACTOR_KIND_LABELS, jsonCell, parisTimestamp } from './labels.ts';

export const JOURNAL_PATH = '/operateur/journal';

/** The form as typed, echoed back. */
export interface JournalForm {
  subjectType: string;
  subjectId: string;
  actorId: string;
  structureId: string;
  from: string;
  to: string;
}

export interface JournalPageProps {
  viewer: Viewer;
  form: JournalForm;
  /** Filters kept by the paging and export links. */
  query: URLSearchParams;
  result?: AuditSearchResult;
  error?: string;
}

function Field(props: {
  id: keyof JournalForm;
  label: string;
  hint?: string;
  value: string;
  type?: string;
  maxlength?: number;
}) {
  return (
    <div class="field">
      <label for={props.id}>
        {props.label} {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      <input
        type={props.type ?? 'text'}
        id={props.id}
        name={props.id}
        value={props.value}
        maxlength={props.maxlength}
      />
    </div>
  );
}

function Change(props: { event: AuditEvent }) {
  const { before, after } = props.event;
  if ((before === null || before === undefined) && (after === null || after === undefined)) return <>—</>;
  return (
    <details>
      <summary>Voir</summary>
      {before !== null && before !== undefined ? (
        <p>
          Avant : <code>{jsonCell(before)}</code>
        </p>
      ) : null}
      {after !== null && after !== undefined ? (
        <p>
          Après : <code>{jsonCell(after)}</code>
        </p>
      ) : null}
    </details>
  );
}

export function JournalPage(props: JournalPageProps) {
  const { form, result } = props;
  const qs = props.query.toString();
  return (
    <Page title="Journal des opérations" viewer={props.viewer} path={JOURNAL_PATH}>
      <h1>Journal des opérations</h1>
      <p>
        Chaque modification faite dans le hub, par une personne, un client API ou une tâche automatique. Le journal ne
        peut être ni modifié ni effacé.
      </p>
      <form method="get" action={JOURNAL_PATH} class="filters" role="search" aria-label="Rechercher dans le journal">
        <Field
          id="subjectType"
          label="Type d’objet"
          hint="ex. invoice, structure"
          value={form.subjectType}
          maxlength={60}
        />
        <Field id="subjectId" label="Identifiant de l’objet" value={form.subjectId} maxlength={200} />
        <Field
          id="actorId"
          label="Identifiant de l’acteur"
          hint="personne, client API ou tâche"
          value={form.actorId}
          maxlength={200}
        />
        <Field id="structureId" label="Structure" hint="identifiant (UUID)" value={form.structureId} maxlength={36} />
        <Field id="from" label="Du" hint="jour inclus, heure de Paris" type="date" value={form.from} />
        <Field id="to" label="Au" hint="jour inclus" type="date" value={form.to} />
        <div class="actions">
          <button type="submit">Rechercher</button>
          <a class="button secondary" href={JOURNAL_PATH}>
            Effacer les filtres
          </a>
        </div>
      </form>
      {props.error ? (
        <Notice tone="error" title="Recherche impossible">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      {result ? (
        <>
          <div class="toolbar">
            <p aria-live="polite">{`${formatCount(result.total)} opération(s).`}</p>
            <a href={`${JOURNAL_PATH}.csv${qs ? `?${qs}` : ''}`}>Exporter en CSV</a>
          </div>
          {result.items.length > 0 ? (
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">Opérations du journal, les plus récentes d’abord</caption>
                <thead>
                  <tr>
                    <th scope="col">Date et heure</th>
                    <th scope="col">Acteur</th>
                    <th scope="col">Action</th>
                    <th scope="col">Objet</th>
                    <th scope="col">Structure</th>
                    <th scope="col">Modification</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((e) => (
                    <tr>
                      <td>{parisTimestamp(e.at)}</td>
                      <td>
                        {e.actorLabel}
                        <span class="hint">{` ${ACTOR_KIND_LABELS[e.actorKind]}`}</span>
                      </td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>
                        {e.subjectType} <code>{e.subjectId}</code>
                      </td>
                      <td>
                        {e.structureId ? <a href={`/annuaire/${e.structureId}`}>{e.structureId.slice(0, 8)}</a> : '—'}
                      </td>
                      <td>
                        <Change event={e} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>Aucune opération ne correspond à cette recherche.</p>
          )}
          <Pagination
            basePath={JOURNAL_PATH}
            query={props.query}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
          />
        </>
      ) : null}
    </Page>
  );
}
