// The actions the lifecycle allows on this invoice for this person, each as its own small form.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { parisDay } from '../../web/format.ts';
import { MOTIVE_MAX_LENGTH, type AllowedAction } from './invoice-verbs.ts';

const HELP: Partial<Record<AllowedAction['kind'], string>> = {
  SERVICE_FAIT: 'Les biens ou services facturés ont bien été livrés ou exécutés.',
  SUSPENDUE: 'Une seule suspension par facture : le délai de paiement s’arrête jusqu’à ce que le fournisseur complète.',
  REJETEE: 'Définitif : le fournisseur devra émettre une nouvelle facture.',
  A_RECYCLER: 'La facture n’est pas pour votre collectivité : le fournisseur choisira le bon destinataire.',
  MANDATEE: 'Le mandat de paiement est émis.',
  MISE_EN_PAIEMENT: 'Le paiement est envoyé au fournisseur.',
};

function AccountantForm(props: { invoiceId: string; action: AllowedAction; csrf: string; today: string }) {
  const a = props.action;
  const id = (name: string) => `${a.kind.toLowerCase()}-${name}`;
  return (
    <form method="post" action={`/factures/${props.invoiceId}/decision`} class="action-form">
      <h3>{a.label}</h3>
      {HELP[a.kind] ? <p class="hint">{HELP[a.kind]}</p> : null}
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <input type="hidden" name="kind" value={a.kind} />
      {a.motiveRequired ? (
        <div class="field">
          <label for={id('motif')}>
            Motif{' '}
            <span class="hint">{`obligatoire, ${MOTIVE_MAX_LENGTH} caractères au plus ; le fournisseur le lira`}</span>
          </label>
          <textarea id={id('motif')} name="motive" required maxlength={MOTIVE_MAX_LENGTH} />
        </div>
      ) : null}
      {a.kind === 'MANDATEE' ? (
        <div class="field">
          <label for={id('numero')}>Numéro de mandat</label>
          <input type="text" id={id('numero')} name="mandateNumber" required maxlength={50} autocomplete="off" />
        </div>
      ) : null}
      {a.kind === 'MISE_EN_PAIEMENT' ? (
        <div class="field">
          <label for={id('date')}>Date de mise en paiement</label>
          <input type="date" id={id('date')} name="paymentDate" required value={props.today} />
        </div>
      ) : null}
      <button type="submit" class={a.kind === 'REJETEE' ? 'danger' : undefined}>
        {a.label}
      </button>
    </form>
  );
}

function CompleteForm(props: { invoiceId: string; csrf: string }) {
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
      <div class="field">
        <label for="complete-comment">
          Commentaire <span class="hint">{`${MOTIVE_MAX_LENGTH} caractères au plus`}</span>
        </label>
        <textarea id="complete-comment" name="comment" maxlength={MOTIVE_MAX_LENGTH} />
      </div>
      <div class="field dropzone" data-dropzone>
        <label for="complete-files">
          Pièces jointes <span class="hint">10 Mo au plus par pièce ; vous pouvez aussi les glisser ici</span>
        </label>
        <input type="file" id="complete-files" name="attachments" multiple />
        <p class="chosen" data-chosen aria-live="polite" />
      </div>
      <button type="submit">Envoyer les compléments</button>
    </form>
  );
}

function RerouteForm(props: { invoiceId: string; csrf: string }) {
  return (
    <form method="post" action={`/factures/${props.invoiceId}/reacheminer`} class="action-form">
      <h3>Corriger le destinataire</h3>
      <p class="hint">La facture repart vers le nouveau destinataire, avec les mêmes contrôles qu’au dépôt.</p>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class="field">
        <label for="reroute-siret">
          SIRET du destinataire <span class="hint">14 chiffres</span>
        </label>
        <input
          type="text"
          id="reroute-siret"
          name="buyerSiret"
          required
          inputmode="numeric"
          pattern="[0-9 ]{14,17}"
          autocomplete="off"
        />
      </div>
      <div class="field">
        <label for="reroute-service">
          Code service <span class="hint">si le destinataire l’exige</span>
        </label>
        <input type="text" id="reroute-service" name="serviceCode" autocomplete="off" />
      </div>
      <div class="field">
        <label for="reroute-ej">
          Numéro d’engagement <span class="hint">si le destinataire l’exige</span>
        </label>
        <input type="text" id="reroute-ej" name="engagementNumber" autocomplete="off" />
      </div>
      <button type="submit">Renvoyer la facture</button>
    </form>
  );
}

const PROBLEM_KINDS = new Set<AllowedAction['kind']>(['SUSPENDUE', 'REJETEE', 'A_RECYCLER']);

function OneForm(props: { invoiceId: string; action: AllowedAction; csrf: string; today: string }) {
  const a = props.action;
  if (a.kind === 'COMPLETEE') return <CompleteForm invoiceId={props.invoiceId} csrf={props.csrf} />;
  if (a.kind === 'REROUTE') return <RerouteForm invoiceId={props.invoiceId} csrf={props.csrf} />;
  return <AccountantForm invoiceId={props.invoiceId} action={a} csrf={props.csrf} today={props.today} />;
}

/**
 * The next step first; the other steps the lifecycle allows (skipping optional ones) and the problem cases
 * (suspend, reject, send back) folded, so the usual path is one click.
 */
export function ActionForms(props: { invoiceId: string; actions: readonly AllowedAction[]; csrf: string; now: Date }) {
  if (props.actions.length === 0) return <p class="muted">Aucune action n’est possible de votre part à ce stade.</p>;
  const today = parisDay(props.now);
  const steps = props.actions.filter((a) => !PROBLEM_KINDS.has(a.kind));
  const problems = props.actions.filter((a) => PROBLEM_KINDS.has(a.kind));
  const [next, ...later] = steps;
  const form = (a: AllowedAction) => <OneForm invoiceId={props.invoiceId} action={a} csrf={props.csrf} today={today} />;
  return (
    <>
      {next ? form(next) : null}
      {later.length > 0 ? (
        <details class="more-actions">
          <summary>{`Autres étapes possibles (${later.map((a) => a.label.toLowerCase()).join(', ')})`}</summary>
          {later.map(form)}
        </details>
      ) : null}
      {problems.length > 0 ? (
        <details class="more-actions">
          <summary>Un problème avec cette facture ? Suspendre, rejeter ou renvoyer</summary>
          {problems.map(form)}
        </details>
      ) : null}
    </>
  );
}
