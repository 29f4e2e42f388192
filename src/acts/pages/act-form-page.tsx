// `/actes/nouveau`: an agent enters an act (nature, matière from the structure's classification, number, decision
// date, object, an optional council meeting, the main PDF and annexes with their typologies). « Transmettre à la
// préfecture » creates it and starts its transmission, « Enregistrer comme brouillon » keeps it as a draft. A
// refusal names its field; the text fields are kept, the files must be chosen again.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { FieldError, fieldErrorAttributes } from '../../web/components/field-error.tsx';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { ClassificationTree } from '../domain/ministry-messages.ts';
import { ACT_NATURES } from '../domain/natures.ts';
import { MAX_OBJECT_LENGTH } from '../domain/rules.ts';
import { ACTS_PATH } from './act-parts.tsx';
import { MAX_MEETING_LABEL_LENGTH } from '../create/act-input.ts';
import {
  annexField,
  annexRows,
  annexTypeField,
  DRAFT_SUBMIT,
  type ActFormValues,
  type FieldProblem,
} from './act-form.ts';

export interface FormStructure {
  id: string;
  name: string;
  siren: string | null;
}

export interface ActFormProps {
  viewer: Viewer;
  structures: FormStructure[];
  /** The classification of the structure chosen (the first one), when the prefecture sent one. */
  classification: ClassificationTree | undefined;
  values: ActFormValues;
  problem?: FieldProblem;
}

type Matiere = ClassificationTree['matieres'][number];
const flatten = (list: Matiere[], depth = 0): { code: string; label: string; depth: number }[] =>
  list.flatMap((m) => [{ code: m.code, label: m.label, depth }, ...flatten(m.children, depth + 1)]);

function Field(props: { id: string; label: string; hint?: string; problem?: FieldProblem; children: unknown }) {
  const message = props.problem?.field === props.id ? props.problem.message : undefined;
  return (
    <div class={`field${message ? ' has-error' : ''}`}>
      <label for={props.id}>
        {props.label}
        {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      <FieldError fieldId={props.id} message={message} />
      {props.children}
    </div>
  );
}

function TypologySelect(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  classification: ClassificationTree | undefined;
  problem?: FieldProblem;
}) {
  return (
    <Field id={props.id} label={props.label} problem={props.problem}>
      <select id={props.id} name={props.name} {...fieldErrorAttributes(props.id, props.problem?.field === props.id)}>
        <option value="">Typologie par défaut de la nature</option>
        {(props.classification?.natures ?? []).map((n) => (
          <optgroup label={ACT_NATURES[n.code as keyof typeof ACT_NATURES]?.label ?? n.label}>
            {n.typologies.map((t) => (
              <option value={t.code} selected={t.code === props.value}>
                {`${t.code} – ${t.label}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

export function ActFormPage(props: ActFormProps) {
  const v = props.values;
  const p = props.problem;
  const invalid = (id: string) => fieldErrorAttributes(id, p?.field === id);
  const matieres = flatten(props.classification?.matieres ?? []);
  return (
    <Page title={`${p ? 'Erreur – ' : ''}Transmettre un acte`} viewer={props.viewer} path={`${ACTS_PATH}/nouveau`}>
      <h1>Transmettre un acte à la préfecture</h1>
      {p ? (
        <ErrorSummary
          lead="L’acte n’est pas transmis"
          errors={[{ field: p.field || 'formulaire', message: p.message }]}
          fieldId={(f) => f}
        />
      ) : null}
      {props.classification ? null : (
        <div class="notice notice-warning" role="status">
          <p>
            La préfecture n’a pas encore envoyé la classification des actes de cette collectivité : la transmission sera
            refusée tant qu’elle manque.
          </p>
        </div>
      )}
      <form method="post" action={`${ACTS_PATH}/nouveau`} enctype="multipart/form-data" id="formulaire">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {props.structures.length > 1 ? (
          <Field id="structure" label="Collectivité qui transmet" problem={p}>
            <select id="structure" name="structure" required {...invalid('structure')}>
              {props.structures.map((s) => (
                <option value={s.siren ?? ''} selected={s.siren === v['structure']}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id="nature" label="Nature de l’acte" problem={p}>
          <select id="nature" name="nature" required {...invalid('nature')}>
            {Object.entries(ACT_NATURES).map(([code, n]) => (
              <option value={code} selected={code === v['nature']}>
                {`${n.abbreviation} – ${n.label}`}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="classification"
          label="Matière (classification)"
          hint={props.classification ? ` Classification du ${props.classification.date}.` : undefined}
          problem={p}
        >
          <select id="classification" name="classification" required {...invalid('classification')}>
            {matieres.map((m) => (
              <option value={m.code} selected={m.code === v['classification']}>
                {`${'\u00a0\u00a0'.repeat(m.depth)}${m.code} ${m.label}`}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="numero"
          label="Numéro interne"
          hint=" De 1 à 15 caractères : majuscules, chiffres et « _ » (par exemple D2026_014)."
          problem={p}
        >
          <input
            id="numero"
            name="numero"
            value={v['numero']}
            required
            maxlength={15}
            autocomplete="off"
            {...invalid('numero')}
          />
        </Field>
        <Field id="date-decision" label="Date de la décision" problem={p}>
          <input
            id="date-decision"
            name="date_decision"
            type="date"
            value={v['date_decision']}
            required
            {...invalid('date-decision')}
          />
        </Field>
        <Field id="objet" label="Objet" hint={` ${MAX_OBJECT_LENGTH} caractères au plus.`} problem={p}>
          <textarea id="objet" name="objet" rows={3} required maxlength={MAX_OBJECT_LENGTH} {...invalid('objet')}>
            {v['objet']}
          </textarea>
        </Field>
        <fieldset>
          <legend>Séance (facultatif, pour transmettre ensemble les décisions d’une séance)</legend>
          <Field id="seance" label="Séance" hint=" Par exemple « Conseil municipal du 12 mars »." problem={p}>
            <input
              id="seance"
              name="seance"
              value={v['seance']}
              maxlength={MAX_MEETING_LABEL_LENGTH}
              autocomplete="off"
              {...invalid('seance')}
            />
          </Field>
          <Field id="date-seance" label="Date de la séance" problem={p}>
            <input
              id="date-seance"
              name="date_seance"
              type="date"
              value={v['date_seance']}
              {...invalid('date-seance')}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Document principal</legend>
          <Field id="document" label="Acte signé (PDF)" hint=" L’acte et ses annexes : 150 Mio au total." problem={p}>
            <input
              id="document"
              name="document"
              type="file"
              accept=".pdf,application/pdf"
              required
              {...invalid('document')}
            />
          </Field>
          <TypologySelect
            id="typologie-document"
            name="typologie_document"
            label="Typologie du document principal"
            value={v['typologie_document'] ?? ''}
            classification={props.classification}
            problem={p}
          />
        </fieldset>
        <fieldset>
          <legend>Annexes (facultatives : PDF, JPEG, PNG ou XML)</legend>
          {annexRows().map((row) => (
            <div class="form-line">
              <Field id={`annexe-${row}`} label={`Annexe ${row}`} problem={p}>
                <input
                  id={`annexe-${row}`}
                  name={annexField(row)}
                  type="file"
                  accept=".pdf,.jpg,.jpeg,.png,.xml"
                  {...invalid(`annexe-${row}`)}
                />
              </Field>
              <TypologySelect
                id={`typologie-annexe-${row}`}
                name={annexTypeField(row)}
                label={`Typologie de l’annexe ${row}`}
                value={v[annexTypeField(row)] ?? ''}
                classification={props.classification}
                problem={p}
              />
            </div>
          ))}
        </fieldset>
        <div class="form-actions">
          <button type="submit" name="envoi" value="transmettre">
            Transmettre à la préfecture
          </button>{' '}
          <button type="submit" name="envoi" value={DRAFT_SUBMIT} class="secondary">
            Enregistrer comme brouillon
          </button>
          <p class="hint">
            Un brouillon n’est pas transmis : vous pourrez l’envoyer plus tard, seul ou avec sa séance.
          </p>
        </div>
      </form>
    </Page>
  );
}
