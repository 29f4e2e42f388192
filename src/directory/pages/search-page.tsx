// Operator directory: search collectivities by name, SIREN, SIRET or commune (INSEE code).
import { STRUCTURE_KINDS } from '../domain/kinds.ts';
import { activeFilters, FilterFold } from '../../web/components/filter-fold.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { formatCount } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { SearchStructuresResult } from '../types.ts';
import { KIND_LABELS } from '../domain/labels.ts';

export interface DirectorySearchForm {
  q: string;
  kind: string;
  departement: string;
}

export function DirectorySearchPage(props: {
  viewer: Viewer;
  form: DirectorySearchForm;
  result: SearchStructuresResult;
  page: number;
  params: URLSearchParams;
}) {
  const { result, form } = props;
  return (
    <Page title="Annuaire" viewer={props.viewer} path="/annuaire">
      <h1>Annuaire des structures</h1>
      <FilterFold label="Rechercher" active={activeFilters(props.params, [])}>
        <form method="get" action="/annuaire" class="filters" role="search" aria-label="Rechercher une structure">
          <div class="field">
            <label for="q">
              Nom, SIREN, SIRET ou code INSEE <span class="hint">ex. Rennes, 213502388</span>
            </label>
            <input type="search" id="q" name="q" value={form.q} maxlength={100} />
          </div>
          <div class="field">
            <label for="kind">Type</label>
            <select id="kind" name="kind">
              <option value="">Tous les types</option>
              {STRUCTURE_KINDS.map((k) => (
                <option value={k} selected={form.kind === k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="departement">
              Département <span class="hint">22, 29, 35 ou 56</span>
            </label>
            <input
              type="text"
              id="departement"
              name="departement"
              value={form.departement}
              maxlength={3}
              inputmode="numeric"
            />
          </div>
          <div class="actions">
            <button type="submit">Rechercher</button>
          </div>
        </form>
      </FilterFold>
      <div class="toolbar">
        <p aria-live="polite">{`${formatCount(result.total)} structure(s).`}</p>
        <a href="/annuaire/nouvelle">Ajouter une structure</a>
        <a href={`/annuaire/export.csv${props.params.size > 0 ? `?${props.params}` : ''}`}>Exporter en CSV</a>
      </div>
      {result.items.length > 0 ? (
        <div class="table-scroll">
          <table class="card-table">
            <caption class="visually-hidden">Structures trouvées</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Type</th>
                <th scope="col">SIREN</th>
                <th scope="col">Code INSEE</th>
                <th scope="col" class="num">
                  Population
                </th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((s) => (
                <tr data-structure={s.name}>
                  <td class="card-title" data-cell="name">
                    <a href={`/annuaire/${s.id}`}>{s.name}</a>
                    {s.active ? null : <span class="hint">inactive</span>}
                  </td>
                  <td data-label="Type" data-cell="kind">
                    <span>{KIND_LABELS[s.kind]}</span>
                  </td>
                  <td data-label="SIREN" data-cell="siren">
                    <span>{s.siren ?? s.vatNumber ?? '—'}</span>
                  </td>
                  <td data-label="Code INSEE">
                    <span>{s.inseeCode ?? '—'}</span>
                  </td>
                  <td class="num" data-label="Population">
                    <span>{s.population === null ? '—' : formatCount(s.population)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        basePath="/annuaire"
        query={props.params}
        page={props.page}
        pageSize={result.limit}
        total={result.total}
      />
    </Page>
  );
}
