// The fields of a structure, shared by the creation page and the structure page's edit form.
import { EPCI_NATURES, STRUCTURE_KINDS } from '../domain/kinds.ts';
import { EPCI_NATURE_LABELS, KIND_LABELS } from '../domain/labels.ts';
import {
  DEFAULT_PAYMENT_DELAY_DAYS,
  MAX_PAYMENT_DELAY_DAYS,
  MIN_PAYMENT_DELAY_DAYS,
  PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS,
} from '../domain/payment-delay.ts';

/** What the form shows: the values typed (or stored), as strings. */
export interface StructureFormValues {
  kind: string;
  name: string;
  siret: string;
  epciNature: string;
  departementCode: string;
  paymentDelayOverrideDays: string;
  active: boolean;
}

export const EMPTY_STRUCTURE_FORM: StructureFormValues = {
  kind: '',
  name: '',
  siret: '',
  epciNature: '',
  departementCode: '',
  paymentDelayOverrideDays: '',
  active: true,
};

/** The refused field is marked and described by the error message (id `form-error`). */
const invalid = (errorField: string | undefined, name: string) =>
  errorField === name ? { 'aria-invalid': 'true', 'aria-describedby': 'form-error' } : {};

export function StructureFields(props: {
  values: StructureFormValues;
  errorField?: string | undefined;
  /** The SIRET is typed at creation only; establishments are kept afterwards. */
  withSiret: boolean;
  withActive: boolean;
}) {
  const v = props.values;
  const e = props.errorField;
  return (
    <>
      <div class="field">
        <label for="f-kind">Type de structure</label>
        <select id="f-kind" name="kind" required {...invalid(e, 'kind')}>
          <option value="">Choisir un type</option>
          {STRUCTURE_KINDS.map((k) => (
            <option value={k} selected={v.kind === k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-name">Nom</label>
        <input type="text" id="f-name" name="name" value={v.name} required maxlength={200} {...invalid(e, 'name')} />
      </div>
      {props.withSiret ? (
        <div class="field">
          <label for="f-siret">
            SIRET de l’établissement principal <span class="hint">14 chiffres, ex. 213 502 388 00019</span>
          </label>
          <input
            type="text"
            id="f-siret"
            name="siret"
            value={v.siret}
            required
            maxlength={20}
            inputmode="numeric"
            autocomplete="off"
            {...invalid(e, 'siret')}
          />
        </div>
      ) : null}
      <div class="field">
        <label for="f-epci-nature">
          Nature de l’EPCI <span class="hint">pour un EPCI à fiscalité propre seulement</span>
        </label>
        <select id="f-epci-nature" name="epciNature" {...invalid(e, 'epciNature')}>
          <option value="">—</option>
          {EPCI_NATURES.map((n) => (
            <option value={n} selected={v.epciNature === n}>
              {EPCI_NATURE_LABELS[n]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-departement">
          Département <span class="hint">ex. 35 ; facultatif</span>
        </label>
        <input
          type="text"
          id="f-departement"
          name="departementCode"
          value={v.departementCode}
          maxlength={3}
          {...invalid(e, 'departementCode')}
        />
      </div>
      <div class="field">
        <label for="f-delay">
          Délai de paiement imposé, en jours{' '}
          <span class="hint">
            {`vide : délai légal du type (${DEFAULT_PAYMENT_DELAY_DAYS} jours, ${PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS} pour un établissement public de santé) ; de ${MIN_PAYMENT_DELAY_DAYS} à ${MAX_PAYMENT_DELAY_DAYS}`}
          </span>
        </label>
        <input
          type="text"
          id="f-delay"
          name="paymentDelayOverrideDays"
          value={v.paymentDelayOverrideDays}
          maxlength={3}
          inputmode="numeric"
          {...invalid(e, 'paymentDelayOverrideDays')}
        />
      </div>
      {props.withActive ? (
        <div class="field checkbox">
          <label>
            <input type="checkbox" name="active" value="1" checked={v.active} /> Active (reçoit des factures)
          </label>
        </div>
      ) : null}
    </>
  );
}
