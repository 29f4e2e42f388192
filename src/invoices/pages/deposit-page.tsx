// Depositing an invoice: one file (drag and drop or file picker), and the validation report at once.
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { depositPath } from './deposit-paths.ts';
import { ExistingInvoiceLink, RecipientServicesHelp } from './refusal-help.tsx';
import { fatalFirst, ViolationsTable } from './violations.tsx';
import { Page } from '../../web/layout/page.tsx';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import {
  emptyPdfData,
  EXEMPTIONS,
  MAX_PDF_VAT_ROWS,
  PDF_CURRENCIES,
  VAT_CHOICES,
  type DepositResult,
  type FieldError,
  type PdfDataForm,
} from './invoice-verbs.ts';

function Outcome(props: { result: DepositResult; mode: 'file' | 'pdf' }) {
  const r = props.result;
  if (r.outcome === 'accepted') {
    return (
      <section aria-labelledby="resultat">
        <Notice tone="success" title="Facture déposée" id="resultat">
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
      </section>
    );
  }
  const report = fatalFirst(r.violations ?? []);
  return (
    <section aria-labelledby="resultat">
      <Notice tone="error" title="Facture refusée" id="resultat">
        <p data-focus-on-load>{r.message}</p>
        <p>
          {props.mode === 'pdf'
            ? 'Corrigez les données saisies (elles sont conservées ci-dessous) puis déposez de nouveau.'
            : `Corrigez la facture dans votre logiciel puis déposez-la de nouveau.${r.originalKept ? ' Le fichier refusé est conservé.' : ''}`}
        </p>
        {r.originalNotKept ? <p>{r.originalNotKept.message}</p> : null}
        <ExistingInvoiceLink refusal={r} />
        <p>
          <a href={depositPath(r.depositId)}>Ce refus dans l’historique de vos dépôts</a>
        </p>
      </Notice>
      <RecipientServicesHelp refusal={r} />
      {report.length > 0 ? <ViolationsTable violations={report} caption="Rapport de validation" /> : null}
    </section>
  );
}

function ModeSwitch(props: { mode: 'file' | 'pdf' }) {
  return (
    <nav aria-label="Mode de dépôt">
      <ul class="mode-switch">
        <li>
          <a href="/factures/deposer" aria-current={props.mode === 'file' ? 'page' : undefined}>
            Facture électronique (UBL, CII, Factur-X)
          </a>
        </li>
        <li>
          <a href="/factures/deposer?mode=pdf" aria-current={props.mode === 'pdf' ? 'page' : undefined}>
            PDF et saisie des données
          </a>
        </li>
        <li>
          <a href="/factures/saisir">Saisir la facture en ligne</a>
        </li>
      </ul>
    </nav>
  );
}

function SupplierChoice(props: { viewer: Viewer }) {
  const suppliers = structuresAs(props.viewer, 'supplier');
  return suppliers.length > 1 ? (
    <div class="field">
      <label for="fournisseur">Fournisseur</label>
      <select id="fournisseur" name="fournisseur" required>
        {suppliers.map((s) => (
          <option value={s.id}>{s.name}</option>
        ))}
      </select>
    </div>
  ) : (
    <input type="hidden" name="fournisseur" value={suppliers[0]?.id ?? ''} />
  );
}

const pdfFieldId = (name: string): string => `p-${name.replace(/\./g, '-')}`;

function PdfField(props: {
  name: string;
  label: string;
  value: string;
  errors: readonly FieldError[];
  type?: string;
  hint?: string;
  required?: boolean;
  numeric?: boolean;
}) {
  const error = props.errors.find((e) => e.field === props.name)?.message;
  const id = pdfFieldId(props.name);
  return (
    <div class={`field${props.numeric ? ' num' : ''}${error ? ' has-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> (obligatoire)</span> : null}
        {props.hint ? <span class="hint">{props.hint}</span> : null}
      </label>
      {error ? (
        <p class="field-error" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
      <input
        type={props.type ?? 'text'}
        id={id}
        name={props.name}
        value={props.value}
        autocomplete="off"
        inputmode={props.numeric ? 'decimal' : undefined}
        {...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-erreur` } : {})}
      />
    </div>
  );
}

/** The second mode: the supplier's own PDF and the data Chorus Pro asks for beside it. */
function PdfDataForm(props: {
  viewer: Viewer;
  data: PdfDataForm;
  errors: readonly FieldError[];
  maxMegabytes: number;
}) {
  const d = props.data;
  const errors = props.errors;
  const fileError = errors.find((e) => e.field === 'file')?.message;
  const rows = [...d.vat, ...Array.from({ length: MAX_PDF_VAT_ROWS - d.vat.length }, () => ({ rate: '', base: '' }))];
  return (
    <form method="post" action="/factures/deposer" enctype="multipart/form-data" novalidate>
      <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
      <input type="hidden" name="mode" value="pdf" />
      <SupplierChoice viewer={props.viewer} />
      <p>
        Votre facture PDF reste le document que lira la collectivité ; le hub y joint les données saisies ci-dessous au
        format Factur-X.
      </p>
      <div class={`field dropzone${fileError ? ' has-error' : ''}`} data-dropzone>
        <label for="p-file">
          Facture en PDF<span class="required"> (obligatoire)</span>
          <span class="hint">{`Le PDF produit par votre traitement de texte ou votre tableur, ${props.maxMegabytes} Mo au plus.`}</span>
        </label>
        {fileError ? (
          <p class="field-error" id="p-file-erreur">
            {fileError}
          </p>
        ) : null}
        <input
          type="file"
          id="p-file"
          name="file"
          accept=".pdf,application/pdf"
          {...(fileError ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'p-file-erreur' } : {})}
        />
        <p class="chosen" data-chosen aria-live="polite" />
      </div>
      <fieldset>
        <legend>Facture</legend>
        <div class="grid-2">
          <PdfField name="number" label="Numéro de facture" value={d.number} errors={errors} required />
          <PdfField
            name="issueDate"
            label="Date de la facture"
            value={d.issueDate}
            errors={errors}
            type="date"
            required
          />
          <PdfField name="dueDate" label="Date d’échéance" value={d.dueDate} errors={errors} type="date" />
          <div class="field">
            <label for="p-currency">Devise</label>
            <select id="p-currency" name="currency">
              {PDF_CURRENCIES.map((c) => (
                <option value={c} selected={c === d.currency}>
                  {c}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Destinataire</legend>
        <div class="grid-2">
          <PdfField
            name="buyerSiret"
            label="SIRET du destinataire"
            value={d.buyerSiret}
            errors={errors}
            required
            hint="Le code destinataire Chorus Pro, sur le bon de commande."
          />
          <PdfField
            name="serviceCode"
            label="Code service"
            value={d.serviceCode}
            errors={errors}
            hint="Si la collectivité l’exige."
          />
          <PdfField
            name="engagementNumber"
            label="Numéro d’engagement"
            value={d.engagementNumber}
            errors={errors}
            hint="Le numéro du bon de commande."
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Montants</legend>
        <div class="grid-2">
          <PdfField
            name="totalWithoutVat"
            label="Total HT"
            value={d.totalWithoutVat}
            errors={errors}
            required
            numeric
          />
          <PdfField name="totalVat" label="Total TVA" value={d.totalVat} errors={errors} required numeric />
          <PdfField name="totalWithVat" label="Total TTC" value={d.totalWithVat} errors={errors} required numeric />
        </div>
        <p class="hint">Un seul taux : la base est le total HT. Plusieurs taux : indiquez la base HT de chacun.</p>
        {rows.map((row, i) => {
          const rateError = errors.find((e) => e.field === `vat${i}.rate`)?.message;
          return (
            <div class="grid-2">
              <div class={`field${rateError ? ' has-error' : ''}`}>
                <label for={pdfFieldId(`vat${i}.rate`)}>{`Taux de TVA ${i + 1}`}</label>
                {rateError ? (
                  <p class="field-error" id={`${pdfFieldId(`vat${i}.rate`)}-erreur`}>
                    {rateError}
                  </p>
                ) : null}
                <select id={pdfFieldId(`vat${i}.rate`)} name={`vat${i}.rate`}>
                  {i > 0 ? <option value="">— aucun —</option> : null}
                  {VAT_CHOICES.map((c) => (
                    <option value={c.value} selected={c.value === row.rate}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
              <PdfField
                name={`vat${i}.base`}
                label={`Base HT au taux ${i + 1}`}
                value={row.base}
                errors={errors}
                numeric
              />
            </div>
          );
        })}
        <div class="field">
          <label for="p-exemptionCode">Motif d’exonération (si un taux est « exonérée »)</label>
          <select id="p-exemptionCode" name="exemptionCode">
            {EXEMPTIONS.map((e) => (
              <option value={e.code} selected={e.code === d.exemptionCode}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <button type="submit">Déposer le PDF et ses données</button>
    </form>
  );
}

export interface DepositPageProps {
  viewer: Viewer;
  result?: DepositResult;
  error?: string;
  maxMegabytes: number;
  mode?: 'file' | 'pdf';
  pdfData?: PdfDataForm;
  pdfErrors?: readonly FieldError[];
}

export function DepositPage(props: DepositPageProps) {
  const mode = props.mode ?? 'file';
  const failed = props.result?.outcome === 'refused' || props.error || (props.pdfErrors?.length ?? 0) > 0;
  return (
    <Page
      title={`${failed ? 'Erreur – ' : ''}Déposer une facture${mode === 'pdf' ? ' (PDF et données)' : ''}`}
      viewer={props.viewer}
      path="/factures/deposer"
    >
      <h1>Déposer une facture</h1>
      <ModeSwitch mode={mode} />
      <ErrorSummary lead="Dépôt impossible" errors={props.pdfErrors ?? []} fieldId={pdfFieldId} />
      {props.error ? (
        <Notice tone="error" title="Dépôt impossible">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      {props.result ? <Outcome result={props.result} mode={mode} /> : null}
      {mode === 'pdf' ? (
        <PdfDataForm
          viewer={props.viewer}
          data={props.pdfData ?? emptyPdfData()}
          errors={props.pdfErrors ?? []}
          maxMegabytes={props.maxMegabytes}
        />
      ) : (
        <form method="post" action="/factures/deposer" enctype="multipart/form-data">
          <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
          <SupplierChoice viewer={props.viewer} />
          <div class="field dropzone" data-dropzone>
            <label for="file">
              Fichier de la facture
              <span class="hint">{`UBL 2.1, CII (XML) ou Factur-X (PDF), ${props.maxMegabytes} Mo au plus. Vous pouvez aussi glisser le fichier ici.`}</span>
            </label>
            <input
              type="file"
              id="file"
              name="file"
              accept=".xml,.pdf,application/xml,text/xml,application/pdf"
              required
            />
            <p class="chosen" data-chosen aria-live="polite" />
          </div>
          <button type="submit">Déposer la facture</button>
        </form>
      )}
      <h2>Avant de déposer</h2>
      <ul>
        <li>Le destinataire est identifié par son SIRET (terme BT-47).</li>
        <li>
          Certaines collectivités exigent un code service (BT-10) ou un numéro d’engagement (BT-13) : reportez-les
          depuis le bon de commande.
        </li>
        <li>Un numéro de facture ne peut être déposé qu’une fois par an.</li>
      </ul>
    </Page>
  );
}
