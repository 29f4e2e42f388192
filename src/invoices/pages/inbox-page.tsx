// The accountant's inbox: invoices addressed to their structures, by legal due date, days left, late ones marked;
// a selection can be processed in one go.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { FieldError, fieldErrorAttributes } from '../../web/components/field-error.tsx';
import { activeFilters, FilterFold } from '../../web/components/filter-fold.tsx';
import { Notice } from '../../web/components/notice.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { ReadOnlyRole } from '../../web/components/read-only-role.tsx';
import { StatusBadge } from './status-badge.tsx';
import { DueCell, isLate } from './due-cell.tsx';
import { formatMoney, parisDay } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer, ViewerStructure } from '../../web/viewer.ts';
import { MOTIVE_MAX_LENGTH, type InvoicePage } from './invoice-verbs.ts';
import type { ListQuery } from './list-query.ts';
import { StatusSelect } from './status-options.tsx';
import { StatusGlossary } from './status-glossary.tsx';

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
  /** The bulk form as posted, when it was refused or awaits confirmation: the selection and fields are kept. */
  posted?: BulkPosted | undefined;
}

/** A bulk form as posted: the ticked invoices, the chosen action and its fields, and what is wrong with them. */
export interface BulkPosted {
  ids: string[];
  kind: string;
  motive: string;
  paymentDate: string;
  errors: { field: 'ids' | 'kind' | 'motive' | 'paymentDate'; message: string }[];
  /** A rejection awaiting confirmation: the numbers of the invoices it would reject. */
  confirmReject?: string[] | undefined;
}

const BULK_FIELD_IDS = { ids: 'selection', kind: 'bulk-kind', motive: 'bulk-motive', paymentDate: 'bulk-date' };

function Filters(props: InboxProps) {
  const f = props.query.form;
  return (
    <FilterFold label="Filtrer et trier" active={activeFilters(props.query.params)}>
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
    </FilterFold>
  );
}

const KIND_CHOICES = [
  { kind: 'SERVICE_FAIT', label: 'Certifier le service fait' },
  { kind: 'SUSPENDUE', label: 'Suspendre (motif obligatoire)' },
  { kind: 'REJETEE', label: 'Rejeter (motif obligatoire, à confirmer)' },
  { kind: 'MISE_EN_PAIEMENT', label: 'Mettre en paiement (date)' },
] as const;

function BulkControls(props: { csrf: string; now: Date; posted: BulkPosted | undefined }) {
  const posted = props.posted;
  const errorOf = (field: BulkPosted['errors'][number]['field']) =>
    posted?.errors.find((e) => e.field === field)?.message;
  const kind = posted?.kind ?? 'SERVICE_FAIT';
  return (
    <fieldset id="traiter-la-selection">
      <legend>Traiter la sélection</legend>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class="field">
        <label for="bulk-kind">Action</label>
        <select
          id="bulk-kind"
          name="kind"
          required
          data-shows-fields
          {...fieldErrorAttributes('bulk-kind', !!errorOf('kind'))}
        >
          {KIND_CHOICES.map((k) => (
            <option value={k.kind} selected={k.kind === kind}>
              {k.label}
            </option>
          ))}
        </select>
        <FieldError fieldId="bulk-kind" message={errorOf('kind')} />
      </div>
      <div class={`field${errorOf('motive') ? ' has-error' : ''}`} data-for-choices="SUSPENDUE REJETEE">
        <label for="bulk-motive">
          Motif{' '}
          <span class="hint">{`obligatoire pour suspendre ou rejeter, ${MOTIVE_MAX_LENGTH} caractères au plus ; le fournisseur le lira`}</span>
        </label>
        <FieldError fieldId="bulk-motive" message={errorOf('motive')} />
        <textarea
          id="bulk-motive"
          name="motive"
          maxlength={MOTIVE_MAX_LENGTH}
          {...fieldErrorAttributes('bulk-motive', !!errorOf('motive'))}
        >
          {posted?.motive ?? ''}
        </textarea>
      </div>
      <div class={`field${errorOf('paymentDate') ? ' has-error' : ''}`} data-for-choices="MISE_EN_PAIEMENT">
        <label for="bulk-date">Date de mise en paiement</label>
        <FieldError fieldId="bulk-date" message={errorOf('paymentDate')} />
        <input
          type="date"
          id="bulk-date"
          name="paymentDate"
          value={posted?.paymentDate || parisDay(props.now)}
          {...fieldErrorAttributes('bulk-date', !!errorOf('paymentDate'))}
        />
      </div>
      <button type="submit">Appliquer aux factures cochées</button>
    </fieldset>
  );
}

/** The last step of a batch rejection: what will be rejected, with which motive; nothing is done until confirmed. */
function ConfirmBulkReject(props: { csrf: string; action: string; posted: BulkPosted; numbers: string[] }) {
  const n = props.numbers.length;
  return (
    <form
      method="post"
      action={props.action}
      class="confirm-box"
      id="confirmer"
      tabindex={-1}
      data-focus-on-load
      aria-labelledby="confirmer-titre"
    >
      <h2 id="confirmer-titre">{`Confirmer le rejet de ${n} facture${n > 1 ? 's' : ''}`}</h2>
      <p>{`Le rejet est définitif : le fournisseur devra émettre une nouvelle facture. Factures : ${props.numbers.join(', ')}.`}</p>
      <p>
        <strong>Motif :</strong> {props.posted.motive}
      </p>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <input type="hidden" name="kind" value="REJETEE" />
      <input type="hidden" name="motive" value={props.posted.motive} />
      <input type="hidden" name="confirm" value="oui" />
      {props.posted.ids.map((id) => (
        <input type="hidden" name="ids" value={id} />
      ))}
      <div class="row-actions">
        <button type="submit" class="danger">
          {`Rejeter définitivement ${n > 1 ? `les ${n} factures` : 'la facture'}`}
        </button>
        <a href="#traiter-la-selection">Annuler et revenir à la sélection</a>
      </div>
    </form>
  );
}

export function InboxPage(props: InboxProps) {
  const { page, query, now, posted } = props;
  const exportHref = `/a-traiter/export.csv${query.params.size > 0 ? `?${query.params}` : ''}`;
  const bulkAction = `/a-traiter/lot${query.params.size > 0 ? `?${query.params}` : ''}`;
  const rows = page.items;
  const selected = new Set(posted?.ids ?? []);
  const table = (
    <div class="table-scroll">
      <table class="card-table">
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
            <tr class={isLate(i, now) ? 'is-late' : undefined} data-invoice={i.number}>
              {props.canAct ? (
                <td class="card-check">
                  <input
                    type="checkbox"
                    name="ids"
                    value={i.id}
                    id={`sel-${i.id}`}
                    checked={selected.has(i.id)}
                    aria-label={`Sélectionner la facture ${i.number}`}
                  />
                </td>
              ) : null}
              <td class="card-title" data-cell="number">
                <a href={`/factures/${i.id}`}>{i.number}</a>
                {props.structures.length > 1 ? <span class="hint">{i.buyer.name}</span> : null}
              </td>
              <td data-label="Fournisseur" data-cell="party">
                <span>{i.supplier.name}</span>
              </td>
              <td data-label="Service">
                <span>{i.service ? i.service.code : '—'}</span>
              </td>
              <td class="num" data-label="Montant TTC" data-cell="amount">
                <span>{formatMoney(i.totalWithVat, i.currency)}</span>
              </td>
              <DueCell invoice={i} now={now} />
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
  );
  return (
    <Page
      title={`${props.error || posted?.errors.length ? 'Erreur – ' : ''}Factures reçues${page.page > 1 ? ` – page ${page.page}` : ''}`}
      viewer={props.viewer}
      path="/a-traiter"
    >
      <h1>Factures reçues</h1>
      {props.canAct ? null : <ReadOnlyRole what="les factures reçues par votre collectivité" />}
      {posted && posted.errors.length > 0 ? (
        <ErrorSummary
          lead="Traitement impossible"
          errors={posted.errors}
          fieldId={(f) => BULK_FIELD_IDS[f as keyof typeof BULK_FIELD_IDS] ?? f}
        />
      ) : null}
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
      {posted?.confirmReject ? (
        <ConfirmBulkReject
          csrf={props.viewer.csrfToken}
          action={bulkAction}
          posted={posted}
          numbers={posted.confirmReject}
        />
      ) : null}
      <Filters {...props} />
      <div class="toolbar">
        <p aria-live="polite">{page.total === 0 ? 'Aucune facture ne correspond.' : `${page.total} facture(s).`}</p>
        <a href={exportHref}>Exporter la liste en CSV</a>
      </div>
      {rows.length > 0 && props.canAct ? (
        <form method="post" action={bulkAction}>
          <div id="selection" tabindex={-1}>
            {table}
          </div>
          <BulkControls csrf={props.viewer.csrfToken} now={now} posted={posted} />
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
      <StatusGlossary side="buyer" />
    </Page>
  );
}
