// A buyer's agent drafts a consultation: the fields the draft verb needs, lots on rows (empty rows are ignored),
// deadlines typed in Paris time; a refusal comes back on its field.
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { FieldError, fieldErrorAttributes } from '../../web/components/field-error.tsx';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer, ViewerStructure } from '../../web/viewer.ts';
import { CONTRACT_NATURE_LABELS, CONTRACT_NATURES, PROCEDURES } from '../domain/index.ts';
import type { FieldErrors } from './consultation-page.tsx';
import { LOT_ROWS, type DraftValues } from './draft-form.ts';

export const procedureLabel = (p: string): string => p.replace(/'/g, '’');

interface FieldProps {
  name: string;
  label: Child;
  values: DraftValues;
  errors: FieldErrors;
  type?: string;
  required?: boolean;
  extra?: Record<string, string | number>;
}

function Field(props: FieldProps) {
  const refused = !!props.errors[props.name];
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={props.values[props.name] ?? ''}
        required={props.required}
        {...props.extra}
        {...fieldErrorAttributes(props.name, refused)}
      />
      <FieldError fieldId={props.name} message={props.errors[props.name]} />
    </div>
  );
}

function Choice(props: {
  name: string;
  label: string;
  values: DraftValues;
  options: [string, string][];
  errors: FieldErrors;
}) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select
        id={props.name}
        name={props.name}
        required
        {...fieldErrorAttributes(props.name, !!props.errors[props.name])}
      >
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.values[props.name] === value}>
            {label}
          </option>
        ))}
      </select>
      <FieldError fieldId={props.name} message={props.errors[props.name]} />
    </div>
  );
}

const Box = (props: { name: string; label: string; values: DraftValues }) => (
  <div class="field">
    <label for={props.name}>
      <input type="checkbox" id={props.name} name={props.name} value="1" checked={props.values[props.name] === '1'} />{' '}
      {props.label}
    </label>
  </div>
);

export function DraftPage(props: {
  viewer: Viewer;
  buyers: ViewerStructure[];
  values: DraftValues;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  const list = Object.entries(errors).map(([field, message]) => ({ field, message: message ?? '' }));
  const common = { values, errors };
  return (
    <Page
      title={`${list.length ? 'Erreur – ' : ''}Nouvelle consultation`}
      viewer={props.viewer}
      path="/acheteur/consultations/nouvelle"
    >
      <h1>Nouvelle consultation</h1>
      <ErrorSummary lead="Brouillon non enregistré" errors={list} fieldId={(f) => f} />
      <form method="post" action="/acheteur/consultations/nouvelle" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {props.buyers.length > 1 ? (
          <Choice name="acheteur" label="Acheteur" options={props.buyers.map((b) => [b.id, b.name])} {...common} />
        ) : null}
        <Field name="reference" label="Référence interne (1 à 16 caractères, sans espace)" required {...common} />
        <Field name="titre" label="Intitulé" required {...common} />
        <div class="field">
          <label for="objet">Objet du marché (1 000 caractères au plus)</label>
          <textarea id="objet" name="objet" rows={4} required {...fieldErrorAttributes('objet', !!errors['objet'])}>
            {values['objet'] ?? ''}
          </textarea>
          <FieldError fieldId="objet" message={errors['objet']} />
        </div>
        <Choice
          name="procedure"
          label="Procédure"
          options={PROCEDURES.map((p) => [p, procedureLabel(p)])}
          {...common}
        />
        <Choice
          name="nature"
          label="Nature"
          options={CONTRACT_NATURES.map((n) => [n, CONTRACT_NATURE_LABELS[n]])}
          {...common}
        />
        <Field
          name="cpv"
          label="Code CPV principal (8 chiffres)"
          required
          extra={{ inputmode: 'numeric' }}
          {...common}
        />
        <Field name="lieu" label="Lieu d’exécution : code INSEE de la commune (ex. 35238)" required {...common} />
        <Field name="duree" label="Durée du marché en mois" type="number" extra={{ min: 1, max: 600 }} {...common} />
        <Box name="signature" label="Signature électronique de l’offre exigée" values={values} />
        <Box name="sauvegarde" label="Copie de sauvegarde autorisée" values={values} />
        <Box name="test" label="Consultation de test (entraînement au dépôt, sans délai minimal)" values={values} />
        {Array.from({ length: LOT_ROWS }, (_, i) => i + 1).map((n) => (
          <fieldset>
            <legend>{n === 1 ? 'Lot 1 (ou marché unique)' : `Lot ${n} (facultatif)`}</legend>
            <Field name={`lot${n}_intitule`} label={`Intitulé du lot ${n}`} required={n === 1} {...common} />
            <Field
              name={`lot${n}_cpv`}
              label={`Code CPV du lot ${n} (sinon le code principal)`}
              extra={{ inputmode: 'numeric' }}
              {...common}
            />
            <Field
              name={`lot${n}_montant`}
              label={`Montant estimé HT du lot ${n} en euros (ex. 15000,00)`}
              extra={{ inputmode: 'decimal' }}
              required={n === 1}
              {...common}
            />
            <Field
              name={`lot${n}_date`}
              label={`Date limite de remise des plis du lot ${n} (heure de Paris)`}
              type="datetime-local"
              required={n === 1}
              {...common}
            />
          </fieldset>
        ))}
        <button type="submit">Enregistrer le brouillon</button>
      </form>
    </Page>
  );
}
