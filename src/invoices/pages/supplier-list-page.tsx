// "Mes factures": the supplier's invoices with filters, search, status badges and pagination.
import { activeFilters, FilterFold } from '../../web/components/filter-fold.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { StatusBadge } from './status-badge.tsx';
import { DueCell } from './due-cell.tsx';
import { formatDate, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { InvoicePage } from './invoice-verbs.ts';
import type { ListQuery } from './list-query.ts';
import { StatusGlossary } from './status-glossary.tsx';
import { StatusSelect } from './status-options.tsx';

export function SupplierListPage(props: { viewer: Viewer; page: InvoicePage; query: ListQuery; now: Date }) {
  const { page, query } = props;
  const exportHref = `/factures/export.csv${query.params.size > 0 ? `?${query.params}` : ''}`;
  return (
    <Page title={`Mes factures${page.page > 1 ? ` – page ${page.page}` : ''}`} viewer={props.viewer} path="/factures">
      <h1>Mes factures</h1>
      <p>
        <a class="button" href="/factures/deposer">
          Déposer une facture
        </a>
      </p>
      <FilterFold label="Filtrer" active={activeFilters(query.params)}>
        <form method="get" action="/factures" class="filters" role="search" aria-label="Filtrer mes factures">
          <div class="field">
            <label for="q">
              Numéro de facture <span class="hint">tout ou partie</span>
            </label>
            <input type="search" id="q" name="q" value={query.form.q} />
          </div>
          <StatusSelect value={query.form.statut} side="supplier" />
          <div class="field">
            <label for="du">Déposée à partir du</label>
            <input type="date" id="du" name="du" value={query.form.du} />
          </div>
          <div class="field">
            <label for="au">Déposée jusqu’au</label>
            <input type="date" id="au" name="au" value={query.form.au} />
          </div>
          <div class="actions">
            <button type="submit">Filtrer</button>
            <a class="button secondary" href="/factures">
              Effacer les filtres
            </a>
          </div>
        </form>
      </FilterFold>
      <div class="toolbar">
        <p aria-live="polite">{page.total === 0 ? 'Aucune facture ne correspond.' : `${page.total} facture(s).`}</p>
        <a href={exportHref}>Exporter la liste en CSV</a>
      </div>
      {page.items.length > 0 ? (
        <div class="table-scroll">
          <table class="card-table">
            <caption class="visually-hidden">Mes factures</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Émise le</th>
                <th scope="col">Déposée le</th>
                <th scope="col">Date limite de paiement</th>
                <th scope="col" class="num">
                  Montant TTC
                </th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr data-invoice={i.number}>
                  <td class="card-title" data-cell="number">
                    <a href={`/factures/${i.id}`}>{i.number}</a>
                  </td>
                  <td data-label="Destinataire" data-cell="party">
                    <span>
                      {i.buyer.name}
                      {i.service ? <span class="hint">{`Service ${i.service.code} – ${i.service.label}`}</span> : null}
                    </span>
                  </td>
                  <td data-label="Émise le">
                    <span>{formatDate(i.issueDate)}</span>
                  </td>
                  <td data-label="Déposée le">
                    <span>{formatDate(i.depositedAt)}</span>
                  </td>
                  <DueCell invoice={i} now={props.now} />
                  <td class="num" data-label="Montant TTC" data-cell="amount">
                    <span>{formatMoney(i.totalWithVat, i.currency)}</span>
                  </td>
                  <td data-label="Statut" data-cell="status">
                    <span>
                      <StatusBadge status={i.status} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        basePath="/factures"
        query={query.params}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
      <StatusGlossary side="supplier" />
    </Page>
  );
}
