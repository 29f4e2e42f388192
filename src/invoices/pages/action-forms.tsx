// The actions the lifecycle allows on this invoice for this person, each as its own small form.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { FieldError, fieldErrorAttributes } from '../../web/components/field-error.tsx';
import { parisDay } from '../../web/format.ts';
import { MOTIVE_MAX_LENGTH, type AllowedAction } from './invoice-verbs.ts';

/** An action refused on a field the person can correct: the form is shown again open, as typed, the field marked. */
export interface FailedAction {
  kind: string;
  /** The id of the refused input, when the refusal concerns one. */
  fieldId?: string | undefined;
  message: string;
  values: Record<string, string>;
}

/** The id of the input a refusal concerns, from its code and the action posted. */
export function fieldIdOfRefusal(code: string, kind: string): string | undefined {
  const prefix = kind.toLowerCase();
  switch (code) {
    case 'MOTIVE_REQUIRED':
    case 'MOTIVE_TOO_LONG':
      return kind === 'COMPLETEE' ? 'complete-comment' : `${prefix}-motif`;
    case 'COMPLETION_EMPTY':
      return 'complete-comment';
    case 'FILE_TOO_LARGE':
    case 'ATTACHMENT_INVALID':
      return kind === 'COMPLETEE' ? 'complete-files' : undefined;
    case 'MANDATE_NUMBER_REQUIRED':
      return 'mandatee-numero';
    case 'PAYMENT_DATE_INVALID':
    case 'PAYMENT_DATE_TOO_EARLY':
      return 'mise_en_paiement-date';
    case 'RECIPIENT_INVALID':
      return 'reroute-siret';
    default:
      return undefined;
  }
}

type FormState = { failed?: FailedAction | undefined };

/** What a field shows: the value typed when its form was refused, its message and ARIA ties when it is the one. */
function fieldState(state: FormState, kind: string, fieldId: string, name: string) {
  const f = state.failed?.kind === kind ? state.failed : undefined;
  const message = f && f.fieldId === fieldId ? f.message : undefined;
  return { value: f?.values[name], message, attrs: fieldErrorAttributes(fieldId, message !== undefined) };
}

const HELP: Partial<Record<AllowedAction['kind'], string>> = {
  SERVICE_FAIT: 'Les biens ou services facturés ont bien été livrés ou exécutés.',
  SUSPENDUE: 'Une seule suspension par facture : le délai de paiement s’arrête jusqu’à ce que le fournisseur complète.',
  REJETEE: 'Définitif : le fournisseur devra émettre une nouvelle facture.',
  A_RECYCLER: 'La facture n’est pas pour votre collectivité : le fournisseur choisira le bon destinataire.',
  MANDATEE: 'Le mandat de paiement est émis.',
  MISE_EN_PAIEMENT: 'Le paiement est envoyé au fournisseur.',
};

function AccountantForm(props: {
  invoiceId: string;
  action: AllowedAction;
  csrf: string;
  today: string;
  failed?: FailedAction | undefined;
}) {
  const a = props.action;
  const id = (name: string) => `${a.kind.toLowerCase()}-${name}`;
  const motive = fieldState(props, a.kind, id('motif'), 'motive');
  const number = fieldState(props, a.kind, id('numero'), 'mandateNumber');
  const date = fieldState(props, a.kind, id('date'), 'paymentDate');
  return (
    <form method="post" action={`/factures/${props.invoiceId}/decision`} class="action-form">
      <h3>{a.label}</h3>
      {HELP[a.kind] ? <p class="hint">{HELP[a.kind]}</p> : null}
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <input type="hidden" name="kind" value={a.kind} />
      {a.motiveRequired ? (
        <div class={`field${motive.message ? ' has-error' : ''}`}>
          <label for={id('motif')}>
            Motif{' '}
            <span class="hint">{`obligatoire, ${MOTIVE_MAX_LENGTH} caractères au plus ; le fournisseur le lira`}</span>
          </label>
          <FieldError fieldId={id('motif')} message={motive.message} />
          <textarea id={id('motif')} name="motive" required maxlength={MOTIVE_MAX_LENGTH} {...motive.attrs}>
            {motive.value ?? ''}
          </textarea>
        </div>
      ) : null}
      {a.kind === 'MANDATEE' ? (
        <div class={`field${number.message ? ' has-error' : ''}`}>
          <label for={id('numero')}>Numéro de mandat</label>
          <FieldError fieldId={id('numero')} message={number.message} />
          <input
            type="text"
            id={id('numero')}
            name="mandateNumber"
            required
            maxlength={50}
            autocomplete="off"
            value={number.value ?? ''}
            {...number.attrs}
          />
        </div>
      ) : null}
      {a.kind === 'MISE_EN_PAIEMENT' ? (
        <div class={`field${date.message ? ' has-error' : ''}`}>
          <label for={id('date')}>Date de mise en paiement</label>
          <FieldError fieldId={id('date')} message={date.message} />
          <input
            type="date"
            id={id('date')}
            name="paymentDate"
            required
            value={date.value || props.today}
            {...date.attrs}
          />
        </div>
      ) : null}
      <button type="submit" class={a.kind === 'REJETEE' ? 'danger' : undefined}>
        {a.kind === 'REJETEE' ? `${a.label}…` : a.label}
      </button>
      {a.kind === 'REJETEE' ? <p class="hint">Une confirmation vous sera demandée.</p> : null}
    </form>
  );
}

function CompleteForm(props: { invoiceId: string; csrf: string; failed?: FailedAction | undefined }) {
  const comment = fieldState(props, 'COMPLETEE', 'complete-comment', 'comment');
  const files = fieldState(props, 'COMPLETEE', 'complete-files', 'attachments');
  return (
    <form
      method="post"
      action={`/factures/${props.invoiceId}/completer`}
      enctype="multipart/form-data"
      class="action-form"
    >
      <h3>Compléter la facture</h3>
      <p class="hint">Répondez au motif de suspension : joignez les pièces demandées et/ou un commentaire.</p>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class={`field${comment.message ? ' has-error' : ''}`}>
        <label for="complete-comment">
          Commentaire <span class="hint">{`${MOTIVE_MAX_LENGTH} caractères au plus`}</span>
        </label>
        <FieldError fieldId="complete-comment" message={comment.message} />
        <textarea id="complete-comment" name="comment" maxlength={MOTIVE_MAX_LENGTH} {...comment.attrs}>
          {comment.value ?? ''}
        </textarea>
      </div>
      <div class={`field dropzone${files.message ? ' has-error' : ''}`} data-dropzone>
        <label for="complete-files">
          Pièces jointes <span class="hint">10 Mo au plus par pièce ; vous pouvez aussi les glisser ici</span>
        </label>
        <FieldError fieldId="complete-files" message={files.message} />
        <input type="file" id="complete-files" name="attachments" multiple {...files.attrs} />
        <p class="chosen" data-chosen aria-live="polite" />
      </div>
      <button type="submit">Envoyer les compléments</button>
    </form>
  );
}

function RerouteForm(props: { invoiceId: string; csrf: string; failed?: FailedAction | undefined }) {
  const siret = fieldState(props, 'REROUTE', 'reroute-siret', 'buyerSiret');
  const service = fieldState(props, 'REROUTE', 'reroute-service', 'serviceCode');
  const ej = fieldState(props, 'REROUTE', 'reroute-ej', 'engagementNumber');
  return (
    <form method="post" action={`/factures/${props.invoiceId}/reacheminer`} class="action-form">
      <h3>Corriger le destinataire</h3>
      <p class="hint">La facture repart vers le nouveau destinataire, avec les mêmes contrôles qu’au dépôt.</p>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class={`field${siret.message ? ' has-error' : ''}`}>
        <label for="reroute-siret">
          SIRET du destinataire <span class="hint">14 chiffres</span>
        </label>
        <FieldError fieldId="reroute-siret" message={siret.message} />
        <input
          type="text"
          id="reroute-siret"
          name="buyerSiret"
          required
          inputmode="numeric"
          pattern="[0-9 ]{14,17}"
          autocomplete="off"
          value={siret.value ?? ''}
          {...siret.attrs}
        />
      </div>
      <div class="field">
        <label for="reroute-service">
          Code service <span class="hint">si le destinataire l’exige</span>
        </label>
        <input type="text" id="reroute-service" name="serviceCode" autocomplete="off" value={service.value ?? ''} />
      </div>
      <div class="field">
        <label for="reroute-ej">
          Numéro d’engagement <span class="hint">si le destinataire l’exige</span>
        </label>
        <input type="text" id="reroute-ej" name="engagementNumber" autocomplete="off" value={ej.value ?? ''} />
      </div>
      <button type="submit">Renvoyer la facture</button>
    </form>
  );
}

const PROBLEM_KINDS = new Set<AllowedAction['kind']>(['SUSPENDUE', 'REJETEE', 'A_RECYCLER']);

function OneForm(props: {
  invoiceId: string;
  action: AllowedAction;
  csrf: string;
  today: string;
  failed?: FailedAction | undefined;
}) {
  const a = props.action;
  if (a.kind === 'COMPLETEE')
    return <CompleteForm invoiceId={props.invoiceId} csrf={props.csrf} failed={props.failed} />;
  if (a.kind === 'REROUTE') return <RerouteForm invoiceId={props.invoiceId} csrf={props.csrf} failed={props.failed} />;
  return (
    <AccountantForm
      invoiceId={props.invoiceId}
      action={a}
      csrf={props.csrf}
      today={props.today}
      failed={props.failed}
    />
  );
}

/** The last step of a rejection: the motive typed, and nothing happens until it is confirmed. */
export function ConfirmReject(props: { invoiceId: string; number: string; motive: string; csrf: string }) {
  return (
    <form
      method="post"
      action={`/factures/${props.invoiceId}/decision`}
      class="confirm-box"
      id="confirmer"
      tabindex={-1}
      data-focus-on-load
      aria-labelledby="confirmer-titre"
    >
      <h3 id="confirmer-titre">{`Confirmer le rejet de la facture ${props.number}`}</h3>
      <p>Le rejet est définitif : le fournisseur devra émettre une nouvelle facture.</p>
      <p>
        <strong>Motif :</strong> {props.motive}
      </p>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <input type="hidden" name="kind" value="REJETEE" />
      <input type="hidden" name="motive" value={props.motive} />
      <input type="hidden" name="confirm" value="oui" />
      <div class="row-actions">
        <button type="submit" class="danger">
          Rejeter définitivement
        </button>
        <a href={`/factures/${props.invoiceId}`}>Annuler</a>
      </div>
    </form>
  );
}

/**
 * The next step first; the other steps the lifecycle allows (skipping optional ones) and the problem cases
 * (suspend, reject, send back) folded, so the usual path is one click.
 */
export function ActionForms(props: {
  invoiceId: string;
  actions: readonly AllowedAction[];
  csrf: string;
  now: Date;
  failed?: FailedAction | undefined;
}) {
  if (props.actions.length === 0) return <p class="muted">Aucune action n’est possible de votre part à ce stade.</p>;
  const today = parisDay(props.now);
  const steps = props.actions.filter((a) => !PROBLEM_KINDS.has(a.kind));
  const problems = props.actions.filter((a) => PROBLEM_KINDS.has(a.kind));
  const [next, ...later] = steps;
  const form = (a: AllowedAction) => (
    <OneForm invoiceId={props.invoiceId} action={a} csrf={props.csrf} today={today} failed={props.failed} />
  );
  // A refused form inside a fold is shown open, so its marked field can be reached.
  const holds = (list: readonly AllowedAction[]) => list.some((a) => a.kind === props.failed?.kind);
  return (
    <>
      {next ? form(next) : null}
      {later.length > 0 ? (
        <details class="more-actions" open={holds(later)}>
          <summary>{`Autres étapes possibles (${later.map((a) => a.label.toLowerCase()).join(', ')})`}</summary>
          {later.map(form)}
        </details>
      ) : null}
      {problems.length > 0 ? (
        <details class="more-actions" open={holds(problems)}>
          <summary>Un problème avec cette facture ? Suspendre, rejeter ou renvoyer</summary>
          {problems.map(form)}
        </details>
      ) : null}
    </>
  );
}
