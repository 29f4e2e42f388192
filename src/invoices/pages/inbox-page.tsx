// The accountant's inbox: invoices addressed to their structures, by legal due date, days left, late ones marked;
// a selection can be processed in one go.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { StatusBadge } from './status-badge.tsx';
import { daysLeft, describeDaysLeft, formatDate, formatMoney, parisDay } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer, ViewerStructure } from '../../web/viewer.ts';
import { MOTIVE_MAX_LENGTH, type InvoicePage, type InvoiceSummary } from './invoice-verbs.ts';
import type { ListQuery } from './list-query.ts';
import { StatusSelect } from './status-options.tsx';

export interface BulkOutcome {
  label: string;
  done: string[];
  failed: { number: string; message: string }[];
}

export interface InboxProps {
  viewer: Viewer;
  page: InvoicePage;
  query: ListQuery;
  structures: ViewerStructure[];
  services: { id: string; code: string; label: string }[];
  canAct: boolean;
  now: Date;
  bulk?: BulkOutcome | undefined;
  error?: string | undefined;
}

const CLOSED = new Set(['MISE_EN_PAIEMENT', 'REJETEE']);

function DueCell(props: { invoice: InvoiceSummary; now: Date }) {
  const i = props.invoice;
  if (!i.legalDueAt) return <td>{i.status === 'SUSPENDUE' ? 'suspendu' : '—'}</td>;
  if (CLOSED.has(i.status)) return <td>{formatDate(i.legalDueAt)}</td>;
  const left = daysLeft(i.legalDueAt, props.now);
  return (
    <td>
      {formatDate(i.legalDueAt)}
      <span class={`hint ${left < 0 ? 'late' : left <= 7 ? 'soon' : ''}`}>{describeDaysLeft(left)}</span>
    </td>
  );
}

function isLate(i: InvoiceSummary, now: Date): boolean {
  return i.legalDueAt !== null && !CLOSED.has(i.status) && daysLeft(i.legalDueAt, now) < 0;
}

function Filters(props: InboxProps) {
  const f = props.query.form;
  return (
    <form method="get" action="/a-traiter" class="filters" role="search" aria-label="Filtrer les factures reçues">
      {props.structures.length > 1 ? (
        <div class="field">
          <label for="structure">Collectivité</label>
          <select id="structure" name="structure">
            <option value="">Toutes mes collectivités</option>
            {props.structures.map((s) => (
              <option value={s.id} selected={f.structure === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="service">Service</label>
        <select id="service" name="service">
          <option value="">Tous les services</option>
          {props.services.map((s) => (
            <option value={s.id} selected={f.service === s.id}>
              {`${s.code} – ${s.label}`}
            </option>
          ))}
        </select>
      </div>
      <StatusSelect value={f.statut} side="buyer" />
      <div class="field">
        <label for="q">
          Numéro de facture <span class="hint">tout ou partie</span>
        </label>
        <input type="search" id="q" name="q" value={f.q} />
      </div>
      <div class="field">
        <label for="echeance">Échéance</label>
        <select id="echeance" name="echeance">
          <option value="">Toutes</option>
          <option value="0" selected={f.echeance === '0'}>
            En retard ou aujourd’hui
          </option>
          <option value="7" selected={f.echeance === '7'}>
            Dans les 7 jours (retards compris)
          </option>
          <option value="15" selected={f.echeance === '15'}>
            Dans les 15 jours (retards compris)
          </option>
        </select>
      </div>
      <div class="field">
        <label for="tri">Trier par</label>
        <select id="tri" name="tri">
          <option value="echeance" selected={f.tri === 'echeance'}>
            Date limite de paiement
          </option>
          <option value="depot-recent" selected={f.tri === 'depot-recent'}>
            Dépôt le plus récent
          </option>
          <option value="depot-ancien" selected={f.tri === 'depot-ancien'}>
            Dépôt le plus ancien
          </option>
        </select>
      </div>
      <div class="actions">
        <button type="submit">Filtrer</button>
        <a class="button secondary" href="/a-traiter">
          Effacer les filtres
        </a>
      </div>
    </form>
  );
}

function BulkControls(props: { csrf: string; now: Date }) {
  return (
    <fieldset>
      <legend>Traiter la sélection</legend>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class="field">
        <label for="bulk-kind">Action</label>
        <select id="bulk-kind" name="kind" required>
          <option value="SERVICE_FAIT">Certifier le service fait</option>
          <option value="SUSPENDUE">Suspendre (motif obligatoire)</option>
          <option value="REJETEE">Rejeter (motif obligatoire)</option>
          <option value="MISE_EN_PAIEMENT">Mettre en paiement (date)</option>
        </select>
      </div>
      <div class="field">
        <label for="bulk-motive">
          Motif <span class="hint">{`pour suspendre ou rejeter, ${MOTIVE_MAX_LENGTH} caractères au plus`}</span>
        </label>
        <textarea id="bulk-motive" name="motive" maxlength={MOTIVE_MAX_LENGTH} />
      </div>
      <div class="field">
        <label for="bulk-date">Date de mise en paiement</label>
        <input type="date" id="bulk-date" name="paymentDate" value={parisDay(props.now)} />
      </div>
      <button type="submit">Appliquer aux factures cochées</button>
    </fieldset>
  );
}

export function InboxPage(props: InboxProps) {
  const { page, query, now } = props;
  const exportHref = `/a-traiter/export.csv${query.params.size > 0 ? `?${query.params}` : ''}`;
  const rows = page.items;
  const table = (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">Factures reçues, par date limite de paiement</caption>
        <thead>
          <tr>
            {props.canAct ? (
              <th scope="col">
                <label class="checkbox">
                  <input type="checkbox" data-select-all="ids" aria-label="Tout sélectionner" />
                  <span class="visually-hidden">Tout sélectionner</span>
                </label>
              </th>
            ) : null}
            <th scope="col">Numéro</th>
            <th scope="col">Fournisseur</th>
            <th scope="col">Service</th>
            <th scope="col" class="num">
              Montant TTC
            </th>
            <th scope="col">Date limite de paiement</th>
            <th scope="col">Statut</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr class={isLate(i, now) ? 'is-late' : undefined}>
              {props.canAct ? (
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={i.id}
                    id={`sel-${i.id}`}
                    aria-label={`Sélectionner la facture ${i.number}`}
                  />
                </td>
              ) : null}
              <td>
                <a href={`/factures/${i.id}`}>{i.number}</a>
                {props.structures.length > 1 ? <span class="hint">{i.buyer.name}</span> : null}
              </td>
              <td>{i.supplier.name}</td>
              <td>{i.service ? i.service.code : '—'}</td>
              <td class="num">{formatMoney(i.totalWithVat, i.currency)}</td>
              <DueCell invoice={i} now={now} />
              <td>
                <StatusBadge status={i.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Page
      title={`Factures reçues${page.page > 1 ? ` – page ${page.page}` : ''}`}
      viewer={props.viewer}
      path="/a-traiter"
    >
      <h1>Factures reçues</h1>
      {props.error ? (
        <Notice tone="error" title="Traitement impossible">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      {props.bulk ? (
        <Notice tone={props.bulk.failed.length > 0 ? 'warning' : 'success'} title={props.bulk.label}>
          <p
            data-focus-on-load
          >{`${props.bulk.done.length} facture(s) traitée(s)${props.bulk.done.length > 0 ? ` : ${props.bulk.done.join(', ')}` : ''}.`}</p>
          {props.bulk.failed.length > 0 ? (
            <ul>
              {props.bulk.failed.map((f) => (
                <li>{`${f.number} : ${f.message}`}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <Filters {...props} />
      <div class="toolbar">
        <p aria-live="polite">{page.total === 0 ? 'Aucune facture ne correspond.' : `${page.total} facture(s).`}</p>
        <a href={exportHref}>Exporter la liste en CSV</a>
      </div>
      {rows.length > 0 && props.canAct ? (
        <form method="post" action="/a-traiter/lot">
          {table}
          <BulkControls csrf={props.viewer.csrfToken} now={now} />
        </form>
      ) : rows.length > 0 ? (
        table
      ) : null}
      <Pagination
        basePath="/a-traiter"
        query={query.params}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </Page>
  );
}
