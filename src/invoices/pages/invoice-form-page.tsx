// The invoice form (/factures/saisir): a craftsman without invoicing software types his invoice; the hub computes
// the totals as EN 16931 does and sends it as a Factur-X. Works without JavaScript: every button posts the whole
// form and the server answers with the page recomputed; /static/invoice-form.js only refreshes totals as one types.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { Notice } from '../../web/components/notice.tsx';
import { formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import {
  EXEMPTIONS,
  NATURES,
  UNITS,
  VAT_CHOICES,
  type FieldError,
  type FormTotals,
  type InvoiceFormData,
  type FormView,
  type RecipientChoice,
} from './invoice-verbs.ts';
import { formatSize, typeLabel } from './timeline.tsx';
import { ExistingInvoiceLink, RecipientServicesHelp } from './refusal-help.tsx';
import { ViolationsTable } from './violations.tsx';
import type { DepositResult } from './invoice-verbs.ts';

export interface InvoiceFormPageProps {
  viewer: Viewer;
  form: InvoiceFormData;
  view: FormView;
  draftId?: string | undefined;
  errors?: readonly FieldError[];
  /** A refused deposit: the form stays as typed, the report below the summary. */
  refusal?: Extract<DepositResult, { outcome: 'refused' }> | undefined;
  notice?: string | undefined;
  buyerQuery?: string;
  buyerResults?: readonly RecipientChoice[] | undefined;
}

const fieldId = (name: string): string => `f-${name.replace(/[.:]/g, '-')}`;
const VAT_LABEL: Record<string, string> = {
  S: 'TVA',
  Z: 'Taux zéro',
  E: 'Exonérée',
  AE: 'Autoliquidation',
};
const percent = (rate: string): string => `${rate.replace('.', ',')} %`;

/** The error of a field, its id for aria-describedby, and the attributes to spread on the control. */
function errorOf(errors: readonly FieldError[], name: string) {
  const found = errors.find((e) => e.field === name);
  return {
    message: found?.message,
    attrs: found ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${fieldId(name)}-erreur` } : {},
  };
}

function ErrorText(props: { name: string; message: string | undefined }) {
  return props.message ? (
    <p class="field-error" id={`${fieldId(props.name)}-erreur`}>
      {props.message}
    </p>
  ) : null;
}

function TextField(props: {
  name: string;
  label: string;
  value: string;
  errors: readonly FieldError[];
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal';
  maxlength?: number;
  class?: string;
}) {
  const e = errorOf(props.errors, props.name);
  return (
    <div class={`field${props.class ? ` ${props.class}` : ''}${e.message ? ' has-error' : ''}`}>
      <label for={fieldId(props.name)}>
        {props.label}
        {props.required ? <span class="required"> (obligatoire)</span> : null}
        {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      <ErrorText name={props.name} message={e.message} />
      <input
        type={props.type ?? 'text'}
        id={fieldId(props.name)}
        name={props.name}
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        {...e.attrs}
      />
    </div>
  );
}

function TextArea(props: { name: string; label: string; value: string; errors: readonly FieldError[]; rows?: number }) {
  const e = errorOf(props.errors, props.name);
  return (
    <div class={`field${e.message ? ' has-error' : ''}`}>
      <label for={fieldId(props.name)}>{props.label}</label>
      <ErrorText name={props.name} message={e.message} />
      <textarea id={fieldId(props.name)} name={props.name} rows={props.rows ?? 2} {...e.attrs}>
        {props.value}
      </textarea>
    </div>
  );
}

function VatSelect(props: { name: string; value: string; errors: readonly FieldError[]; label: string }) {
  const e = errorOf(props.errors, props.name);
  return (
    <div class={`field${e.message ? ' has-error' : ''}`}>
      <label for={fieldId(props.name)}>{props.label}</label>
      <ErrorText name={props.name} message={e.message} />
      <select id={fieldId(props.name)} name={props.name} data-vat {...e.attrs}>
        {VAT_CHOICES.map((c) => (
          <option value={c.value} selected={c.value === props.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function SellerSection(props: InvoiceFormPageProps & { errors: readonly FieldError[] }) {
  const s = props.form.seller;
  const siret = errorOf(props.errors, 'seller.siret');
  return (
    <fieldset>
      <legend>Votre entreprise</legend>
      <p class="hint">Reprise de votre compte et de votre dernière facture ; vérifiez l’adresse.</p>
      <div class="grid-2">
        <TextField
          name="seller.name"
          label="Raison sociale"
          value={s.name}
          errors={props.errors}
          required
          autocomplete="organization"
        />
        <div class={`field${siret.message ? ' has-error' : ''}`}>
          <label for={fieldId('seller.siret')}>
            SIRET de l’établissement qui facture<span class="required"> (obligatoire)</span>
          </label>
          <ErrorText name="seller.siret" message={siret.message} />
          <select id={fieldId('seller.siret')} name="seller.siret" {...siret.attrs}>
            {props.view.supplier.establishments.map((e) => (
              <option value={e.siret} selected={e.siret === s.siret.replace(/\s/g, '')}>
                {`${e.siret}${e.label ? ` – ${e.label}` : ''}${e.main ? ' (siège)' : ''}`}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="seller.vatId"
          label="N° de TVA intracommunautaire"
          value={s.vatId}
          errors={props.errors}
          hint="Laissez vide si vous n’en avez pas (franchise en base)."
        />
        <TextField
          name="seller.email"
          label="Adresse électronique"
          value={s.email}
          errors={props.errors}
          type="email"
          autocomplete="email"
        />
        <TextField
          name="seller.line1"
          label="Adresse"
          value={s.line1}
          errors={props.errors}
          required
          autocomplete="address-line1"
        />
        <TextField
          name="seller.line2"
          label="Complément d’adresse"
          value={s.line2}
          errors={props.errors}
          autocomplete="address-line2"
        />
        <TextField
          name="seller.postCode"
          label="Code postal"
          value={s.postCode}
          errors={props.errors}
          required
          inputmode="numeric"
          autocomplete="postal-code"
          maxlength={5}
        />
        <TextField
          name="seller.city"
          label="Ville"
          value={s.city}
          errors={props.errors}
          required
          autocomplete="address-level2"
        />
        <TextField
          name="seller.phone"
          label="Téléphone"
          value={s.phone}
          errors={props.errors}
          type="tel"
          autocomplete="tel"
        />
      </div>
    </fieldset>
  );
}

function BuyerSection(props: InvoiceFormPageProps & { errors: readonly FieldError[] }) {
  const buyer = props.view.buyer;
  const b = props.form.buyer;
  const siretError = errorOf(props.errors, 'buyer.siret');
  const serviceError = errorOf(props.errors, 'buyer.serviceCode');
  const activeServices = buyer?.services.filter((s) => s.active) ?? [];
  const serviceNeeded = buyer?.serviceCodeRequired ?? false;
  const engagementNeeded =
    (buyer?.engagementNumberRequired ?? false) ||
    activeServices.some((s) => s.code === b.serviceCode && s.engagementNumberRequired);
  return (
    <fieldset>
      <legend>Destinataire</legend>
      {buyer ? (
        <div class="chosen-buyer">
          <p>
            <strong>{buyer.name}</strong> <span class="hint">{`SIRET ${buyer.siret}`}</span>
          </p>
          <input type="hidden" name="buyer.siret" value={buyer.siret} />
          <ul class="hint">
            {buyer.serviceCodeRequired ? <li>Cette collectivité exige le code du service destinataire.</li> : null}
            {buyer.engagementNumberRequired ? <li>Elle exige le numéro d’engagement (bon de commande).</li> : null}
            {buyer.serviceCodeOrEngagementRequired ? (
              <li>Elle exige un code service ou un numéro d’engagement.</li>
            ) : null}
            {!buyer.serviceCodeRequired && !buyer.engagementNumberRequired && !buyer.serviceCodeOrEngagementRequired ? (
              <li>Aucune référence n’est exigée ; indiquez celles du bon de commande si vous en avez.</li>
            ) : null}
          </ul>
          <button type="submit" name="action" value="change-buyer" class="secondary">
            Changer de destinataire
          </button>
        </div>
      ) : (
        <>
          <input type="hidden" name="buyer.siret" value={b.siret} />
          <ErrorText name="buyer.siret" message={siretError.message} />
          <div class={`field${siretError.message ? ' has-error' : ''}`}>
            <label for={fieldId('buyer.siret')}>
              Collectivité destinataire
              <span class="hint">Son nom, sa commune ou son SIRET, tel qu’il figure sur le bon de commande.</span>
            </label>
            <div class="search-row">
              <input
                type="search"
                id={fieldId('buyer.siret')}
                name="buyerQuery"
                value={props.buyerQuery ?? ''}
                {...siretError.attrs}
              />
              <button type="submit" name="action" value="search-buyer" class="secondary">
                Rechercher dans l’annuaire
              </button>
            </div>
          </div>
          {props.buyerResults ? (
            props.buyerResults.length === 0 ? (
              <p role="status">Aucune collectivité trouvée : essayez un autre nom ou le SIRET.</p>
            ) : (
              <ul class="buyer-results" aria-label="Collectivités trouvées">
                {props.buyerResults.map((r) => (
                  <li>
                    <span>
                      <strong>{r.name}</strong> <span class="hint">{`${r.kindLabel} · SIRET ${r.siret}`}</span>
                    </span>
                    <button
                      type="submit"
                      name="action"
                      value={`choose-buyer:${r.siret}`}
                      aria-label={`Choisir ${r.name} (SIRET ${r.siret})`}
                    >
                      Choisir
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      )}
      {buyer ? (
        <div class="grid-2">
          {activeServices.length > 0 ? (
            <div class={`field${serviceError.message ? ' has-error' : ''}`}>
              <label for={fieldId('buyer.serviceCode')}>
                Service destinataire
                {serviceNeeded ? <span class="required"> (obligatoire)</span> : null}
              </label>
              <ErrorText name="buyer.serviceCode" message={serviceError.message} />
              <select id={fieldId('buyer.serviceCode')} name="buyer.serviceCode" {...serviceError.attrs}>
                <option value="">{serviceNeeded ? '— choisissez le service —' : '— aucun service —'}</option>
                {activeServices.map((s) => (
                  <option value={s.code} selected={s.code === b.serviceCode}>
                    {`${s.code} – ${s.label}${s.engagementNumberRequired ? ' (n° d’engagement exigé)' : ''}`}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <>
              <input type="hidden" name="buyer.serviceCode" value="" />
              <ErrorText name="buyer.serviceCode" message={serviceError.message} />
            </>
          )}
          <TextField
            name="buyer.engagementNumber"
            label="Numéro d’engagement"
            value={b.engagementNumber}
            errors={props.errors}
            required={engagementNeeded}
            hint="Le numéro du bon de commande de la collectivité."
            maxlength={50}
          />
          <TextField
            name="buyer.contractReference"
            label="Référence du marché"
            value={b.contractReference}
            errors={props.errors}
            maxlength={50}
          />
        </div>
      ) : null}
    </fieldset>
  );
}

function LinesSection(props: { form: InvoiceFormData; totals: FormTotals; errors: readonly FieldError[] }) {
  return (
    <fieldset>
      <legend>Lignes de la facture</legend>
      <ol class="form-lines" data-lines>
        {props.form.lines.map((l, i) => {
          const net = props.totals.lines.find((t) => t.index === i);
          return (
            <li class="form-line" data-line>
              <div class="line-grid">
                <TextArea
                  name={`line${i}.description`}
                  label={`Ligne ${i + 1} : désignation`}
                  value={l.description}
                  errors={props.errors}
                />
                <TextField
                  name={`line${i}.quantity`}
                  label="Quantité"
                  value={l.quantity}
                  errors={props.errors}
                  inputmode="decimal"
                  class="num"
                />
                <div class="field">
                  <label for={fieldId(`line${i}.unit`)}>Unité</label>
                  <select id={fieldId(`line${i}.unit`)} name={`line${i}.unit`}>
                    {UNITS.map((u) => (
                      <option value={u.code} selected={u.code === l.unit}>
                        {u.label}
                      </option>
                    ))}
                  </select>
                </div>
                <TextField
                  name={`line${i}.unitPrice`}
                  label="Prix unitaire HT (€)"
                  value={l.unitPrice}
                  errors={props.errors}
                  inputmode="decimal"
                  class="num"
                />
                <VatSelect name={`line${i}.vat`} value={l.vat} errors={props.errors} label="TVA" />
                <TextField
                  name={`line${i}.discountPercent`}
                  label="Remise (%)"
                  value={l.discountPercent}
                  errors={props.errors}
                  inputmode="decimal"
                  class="num"
                />
                <p class="line-net">
                  Montant HT :{' '}
                  <output data-line-net for={`${fieldId(`line${i}.quantity`)} ${fieldId(`line${i}.unitPrice`)}`}>
                    {formatMoney(net?.net ?? '0')}
                  </output>
                </p>
              </div>
              <button
                type="submit"
                name="action"
                value={`remove-line:${i}`}
                class="button-link"
                aria-label={`Supprimer la ligne ${i + 1}`}
              >
                Supprimer la ligne
              </button>
            </li>
          );
        })}
      </ol>
      <button type="submit" name="action" value="add-line" class="secondary">
        Ajouter une ligne
      </button>
    </fieldset>
  );
}

function AdjustmentsSection(props: { form: InvoiceFormData; errors: readonly FieldError[] }) {
  return (
    <fieldset>
      <legend>Remises et frais sur le total</legend>
      {props.form.adjustments.length === 0 ? (
        <p class="hint">Aucune remise ni aucun frais sur l’ensemble de la facture.</p>
      ) : null}
      <ol class="form-lines">
        {props.form.adjustments.map((a, i) => (
          <li class="form-line" data-adjustment>
            <input type="hidden" name={`adj${i}.kind`} value={a.kind} data-kind={a.kind} />
            <div class="line-grid">
              <TextField
                name={`adj${i}.reason`}
                label={`${a.kind === 'charge' ? 'Frais' : 'Remise'} ${i + 1} : motif`}
                value={a.reason}
                errors={props.errors}
              />
              <TextField
                name={`adj${i}.amount`}
                label="Montant HT (€)"
                value={a.amount}
                errors={props.errors}
                inputmode="decimal"
                class="num"
              />
              <VatSelect name={`adj${i}.vat`} value={a.vat} errors={props.errors} label="TVA" />
            </div>
            <button
              type="submit"
              name="action"
              value={`remove-adj:${i}`}
              class="button-link"
              aria-label={`Supprimer ${a.kind === 'charge' ? 'les frais' : 'la remise'} ${i + 1}`}
            >
              Supprimer
            </button>
          </li>
        ))}
      </ol>
      <button type="submit" name="action" value="add-allowance" class="secondary">
        Ajouter une remise
      </button>{' '}
      <button type="submit" name="action" value="add-charge" class="secondary">
        Ajouter des frais
      </button>
    </fieldset>
  );
}

function TotalsSection(props: { form: InvoiceFormData; totals: FormTotals; errors: readonly FieldError[] }) {
  const t = props.totals;
  const usesE = t.vat.some((g) => g.category === 'E');
  const exemption = errorOf(props.errors, 'exemptionCode');
  return (
    <fieldset>
      <legend>TVA et totaux</legend>
      <div class="table-scroll">
        <table class="vat-table" data-vat-table>
          <caption>Ventilation de la TVA</caption>
          <thead>
            <tr>
              <th scope="col">TVA</th>
              <th scope="col" class="num">
                Base HT
              </th>
              <th scope="col" class="num">
                Montant de TVA
              </th>
            </tr>
          </thead>
          <tbody data-vat-rows>
            {t.vat.map((g) => (
              <tr>
                <td>{`${VAT_LABEL[g.category] ?? g.category} ${percent(g.rate)}`}</td>
                <td class="num">{formatMoney(g.taxable)}</td>
                <td class="num">{formatMoney(g.tax)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl class="facts totals" aria-live="polite">
        <dt>Total des lignes HT</dt>
        <dd data-total="lineNet">{formatMoney(t.lineNet)}</dd>
        <dt>Remises</dt>
        <dd data-total="allowances">{formatMoney(t.allowances)}</dd>
        <dt>Frais</dt>
        <dd data-total="charges">{formatMoney(t.charges)}</dd>
        <dt>Total HT</dt>
        <dd data-total="withoutVat">{formatMoney(t.withoutVat)}</dd>
        <dt>Total TVA</dt>
        <dd data-total="vatTotal">{formatMoney(t.vatTotal)}</dd>
        <dt>Total TTC</dt>
        <dd data-total="withVat">
          <strong>{formatMoney(t.withVat)}</strong>
        </dd>
        <dt>Net à payer</dt>
        <dd data-total="due">
          <strong>{formatMoney(t.due)}</strong>
        </dd>
      </dl>
      <TextField
        name="paidAmount"
        label="Acompte déjà versé (€)"
        value={props.form.paidAmount}
        errors={props.errors}
        inputmode="decimal"
        class="num"
      />
      {usesE || exemption.message ? (
        <div class={`field${exemption.message ? ' has-error' : ''}`}>
          <label for={fieldId('exemptionCode')}>Motif d’exonération de TVA</label>
          <ErrorText name="exemptionCode" message={exemption.message} />
          <select id={fieldId('exemptionCode')} name="exemptionCode" {...exemption.attrs}>
            {EXEMPTIONS.map((e) => (
              <option value={e.code} selected={e.code === props.form.exemptionCode}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="exemptionCode" value={props.form.exemptionCode} />
      )}
      <button type="submit" name="action" value="recalculate" class="secondary">
        Recalculer
      </button>
    </fieldset>
  );
}

function PaymentSection(props: { form: InvoiceFormData; errors: readonly FieldError[] }) {
  const p = props.form.payment;
  return (
    <fieldset>
      <legend>Paiement</legend>
      <div class="grid-2">
        <TextField
          name="payment.dueDate"
          label="Date d’échéance"
          value={p.dueDate}
          errors={props.errors}
          type="date"
          hint="Sinon, le délai légal de la collectivité (30 jours en général)."
        />
        <TextField name="payment.terms" label="Conditions de paiement" value={p.terms} errors={props.errors} />
        <TextField
          name="payment.iban"
          label="IBAN du compte à créditer"
          value={p.iban}
          errors={props.errors}
          required
          hint="Tel qu’il figure sur votre RIB (FR76…)."
        />
        <TextField name="payment.bic" label="BIC" value={p.bic} errors={props.errors} maxlength={11} />
        <TextField name="payment.accountName" label="Titulaire du compte" value={p.accountName} errors={props.errors} />
      </div>
    </fieldset>
  );
}

function NotesSection(props: { form: InvoiceFormData; errors: readonly FieldError[] }) {
  const n = props.form.notes;
  return (
    <fieldset>
      <legend>Mentions obligatoires</legend>
      <TextArea name="notes.latePenalties" label="Pénalités de retard" value={n.latePenalties} errors={props.errors} />
      <TextArea
        name="notes.recoveryIndemnity"
        label="Indemnité forfaitaire de recouvrement"
        value={n.recoveryIndemnity}
        errors={props.errors}
      />
      <TextArea
        name="notes.earlyDiscount"
        label="Escompte pour paiement anticipé"
        value={n.earlyDiscount}
        errors={props.errors}
      />
      <TextArea name="notes.free" label="Note libre (facultative)" value={n.free} errors={props.errors} rows={3} />
    </fieldset>
  );
}

function AttachmentsSection(props: { form: InvoiceFormData; errors: readonly FieldError[] }) {
  const e = errorOf(props.errors, 'attachments');
  return (
    <fieldset>
      <legend>Pièces jointes</legend>
      <ErrorText name="attachments" message={e.message} />
      {props.form.attachments.length > 0 ? (
        <ul class="attachments">
          {props.form.attachments.map((a, i) => (
            <li>
              <input type="hidden" name={`attachment${i}.sha256`} value={a.sha256} />
              <input type="hidden" name={`attachment${i}.name`} value={a.name} />
              <input type="hidden" name={`attachment${i}.mediaType`} value={a.mediaType} />
              <input type="hidden" name={`attachment${i}.size`} value={String(a.size)} />
              <span>{a.name}</span> <span class="hint">{`${typeLabel(a.mediaType)}, ${formatSize(a.size)}`}</span>{' '}
              <label class="checkbox">
                <input type="checkbox" name={`attachment${i}.remove`} value="1" /> retirer
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="field dropzone" data-dropzone>
        <label for={fieldId('attachments')}>
          Joindre des documents
          <span class="hint">
            PDF, PNG, JPEG, CSV, XLSX ou ODS, 10 Mo au plus chacun (devis signé, bon de livraison, photos…). Ils sont
            intégrés à la facture.
          </span>
        </label>
        <input
          type="file"
          id={fieldId('attachments')}
          name="files"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.csv,.xlsx,.ods"
          {...e.attrs}
        />
        <p class="chosen" data-chosen aria-live="polite" />
      </div>
    </fieldset>
  );
}

export function InvoiceFormPage(props: InvoiceFormPageProps) {
  const errors = props.errors ?? [];
  const suppliers = props.viewer.structures.filter((s) => s.roles.includes('supplier'));
  const hasErrors = errors.length > 0 || props.refusal !== undefined;
  return (
    <Page title={`${hasErrors ? 'Erreur – ' : ''}Saisir une facture`} viewer={props.viewer} path="/factures/saisir">
      <h1>Saisir une facture</h1>
      <p>
        Sans logiciel de facturation : remplissez la facture, le hub calcule les totaux et l’envoie à la collectivité au
        format Factur-X. <a href="/factures/brouillons">Mes brouillons</a> ·{' '}
        <a href="/factures/deposer">Déposer un fichier ou un PDF</a>
      </p>
      {props.notice ? (
        <Notice tone="success">
          <p data-focus-on-load>{props.notice}</p>
        </Notice>
      ) : null}
      <ErrorSummary lead="La facture n’est pas envoyée" errors={errors} fieldId={fieldId} />
      {props.refusal ? (
        <section aria-labelledby="refus">
          <Notice tone="error" title="Facture refusée" id="refus">
            <p data-focus-on-load>{props.refusal.message}</p>
            <p>Votre saisie est conservée : corrigez-la puis envoyez de nouveau.</p>
            <ExistingInvoiceLink refusal={props.refusal} />
          </Notice>
          <RecipientServicesHelp refusal={props.refusal} />
          {props.refusal.violations && props.refusal.violations.length > 0 ? (
            <ViolationsTable violations={props.refusal.violations} caption="Rapport de validation" />
          ) : null}
        </section>
      ) : null}
      <form
        method="post"
        action="/factures/saisir"
        enctype="multipart/form-data"
        class="invoice-form"
        data-invoice-form
        novalidate
      >
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {props.draftId ? <input type="hidden" name="draftId" value={props.draftId} /> : null}
        {suppliers.length > 1 ? (
          <div class="field">
            <label for="fournisseur">Vous facturez pour</label>
            <select id="fournisseur" name="fournisseur">
              {suppliers.map((s) => (
                <option value={s.id} selected={s.id === props.view.supplier.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="fournisseur" value={props.view.supplier.id} />
        )}
        <fieldset>
          <legend>Facture</legend>
          <div class="grid-2">
            <TextField
              name="number"
              label="Numéro de facture"
              value={props.form.number}
              errors={errors}
              required
              maxlength={35}
              hint="Lettres, chiffres et + - _ / ; une seule fois par an."
            />
            <TextField
              name="issueDate"
              label="Date d’émission"
              value={props.form.issueDate}
              errors={errors}
              type="date"
              required
            />
            <div class="field">
              <label for={fieldId('nature')}>Nature</label>
              <select id={fieldId('nature')} name="nature">
                {NATURES.map((n) => (
                  <option value={n.code} selected={n.code === props.form.nature}>
                    {n.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
        <SellerSection {...props} errors={errors} />
        <BuyerSection {...props} errors={errors} />
        <LinesSection form={props.form} totals={props.view.totals} errors={errors} />
        <AdjustmentsSection form={props.form} errors={errors} />
        <TotalsSection form={props.form} totals={props.view.totals} errors={errors} />
        <PaymentSection form={props.form} errors={errors} />
        <NotesSection form={props.form} errors={errors} />
        <AttachmentsSection form={props.form} errors={errors} />
        <div class="form-actions">
          <button type="submit" name="action" value="send">
            Vérifier et envoyer la facture
          </button>
          <button type="submit" name="action" value="save" class="secondary">
            Enregistrer le brouillon
          </button>
        </div>
      </form>
      <script src="/static/invoice-form.js" defer />
    </Page>
  );
}

/** After a deposit from the form: the invoice is on its way; the next one can start from it. */
export function FormSentPage(props: { viewer: Viewer; result: Extract<DepositResult, { outcome: 'accepted' }> }) {
  const r = props.result;
  return (
    <Page title="Facture envoyée" viewer={props.viewer} path="/factures/saisir">
      <h1>Facture envoyée</h1>
      <Notice tone="success" title="Facture déposée">
        <p data-focus-on-load>
          {`La facture ${r.number} est enregistrée et transmise à ${r.buyer.name}`}
          {r.serviceCode ? ` (service ${r.serviceCode})` : ''}.
        </p>
        <p>
          <a href={`/factures/${r.invoiceId}`}>Suivre la facture {r.number}</a>
        </p>
      </Notice>
      {r.warnings.length > 0 ? (
        <ViolationsTable violations={r.warnings} caption="Avertissements (la facture est acceptée)" />
      ) : null}
      <form method="post" action={`/factures/${r.invoiceId}/modele`}>
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        <button type="submit" class="secondary">
          Préparer la facture suivante à partir de celle-ci
        </button>
      </form>
      <p>
        <a href="/factures/saisir">Saisir une nouvelle facture</a>
      </p>
    </Page>
  );
}
