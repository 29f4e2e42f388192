// One invoice: its facts and status, the motive when it was suspended or rejected, the actions the lifecycle allows
// (before the PDF, so a keyboard reaches them first), the legal payment delay, the lines, the PDF and the history.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { ErrorSummary } from '../../web/components/error-summary.tsx';
import { Notice } from '../../web/components/notice.tsx';
import { ReadOnlyRole } from '../../web/components/read-only-role.tsx';
import { StatusBadge } from './status-badge.tsx';
import { ViolationsTable } from './violations.tsx';
import { formatDate, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { ActionForms, ConfirmReject, type FailedAction } from './action-forms.tsx';
import { InvoiceLines } from './invoice-lines.tsx';
import type { AllowedAction, InvoiceDetail, InvoiceLineView } from './invoice-verbs.ts';
import { StatusExplained } from './status-glossary.tsx';
import { PaymentClock } from './payment-clock.tsx';
import { Timeline } from './timeline.tsx';

const MOTIVE_TITLES: Partial<Record<InvoiceDetail['status'], string>> = {
  SUSPENDUE: 'Facture suspendue',
  REJETEE: 'Facture rejetée',
  A_RECYCLER: 'Facture renvoyée : destinataire à corriger',
};

export interface InvoicePageProps {
  viewer: Viewer;
  invoice: InvoiceDetail;
  actions: readonly AllowedAction[];
  now: Date;
  done?: string | undefined;
  error?: string | undefined;
  backHref: string;
  /** The supplier may start its next invoice from this one. */
  canCopy?: boolean;
  lines?: readonly InvoiceLineView[] | undefined;
  /** A refused action the person can correct: its form is shown again, as typed, the field marked. */
  failed?: FailedAction | undefined;
  /** A rejection typed, waiting for its confirmation. */
  confirmReject?: { motive: string } | undefined;
  /** The viewer only looks (a collectivity agent). */
  readOnly?: boolean;
}

export function InvoicePage(props: InvoicePageProps) {
  const i = props.invoice;
  const motiveTitle = MOTIVE_TITLES[i.status];
  const failedOnField = props.failed?.fieldId ? props.failed : undefined;
  return (
    <Page
      title={`${props.error || props.failed ? 'Erreur – ' : ''}Facture ${i.number}`}
      viewer={props.viewer}
      path={props.backHref}
      skipLinks={[{ href: '#actions', label: 'Aller aux actions sur la facture' }]}
    >
      <p>
        <a href={props.backHref}>← Retour à la liste</a>
      </p>
      <h1>
        Facture {i.number} <StatusBadge status={i.status} />
      </h1>
      <StatusExplained status={i.status} />
      {props.readOnly ? <ReadOnlyRole what="cette facture et ses documents" /> : null}
      {failedOnField ? (
        <ErrorSummary
          lead="Action refusée"
          errors={[{ field: failedOnField.fieldId!, message: failedOnField.message }]}
          fieldId={(f) => f}
        />
      ) : null}
      {props.error || (props.failed && !failedOnField) ? (
        <Notice tone="error" title="Action refusée">
          <p data-focus-on-load>{props.error ?? props.failed?.message}</p>
        </Notice>
      ) : null}
      {props.done ? (
        <Notice tone="success">
          <p data-focus-on-load>{props.done}</p>
        </Notice>
      ) : null}
      {motiveTitle && i.lastMotive ? (
        <Notice tone={i.status === 'REJETEE' ? 'error' : 'warning'} title={motiveTitle}>
          <p>
            <strong>Motif :</strong> {i.lastMotive}
          </p>
        </Notice>
      ) : null}
      <div class="invoice-layout">
        <div>
          <dl class="facts">
            <dt>Fournisseur</dt>
            <dd>{i.supplier.name}</dd>
            <dt>Destinataire</dt>
            <dd>
              {i.buyer.name} <span class="hint">{`SIRET ${i.buyer.siret}`}</span>
            </dd>
            <dt>Service</dt>
            <dd>{i.service ? `${i.service.code} – ${i.service.label}` : (i.serviceCode ?? '—')}</dd>
            <dt>N° d’engagement</dt>
            <dd>{i.engagementNumber ?? '—'}</dd>
            <dt>Émise le</dt>
            <dd>{formatDate(i.issueDate)}</dd>
            <dt>Déposée le</dt>
            <dd>{formatDate(i.depositedAt)}</dd>
            <dt>Montant HT</dt>
            <dd>{formatMoney(i.totalWithoutVat, i.currency)}</dd>
            <dt>TVA</dt>
            <dd>{formatMoney(i.totalVat, i.currency)}</dd>
            <dt>Montant TTC</dt>
            <dd>
              <strong>{formatMoney(i.totalWithVat, i.currency)}</strong>
            </dd>
            {i.mandateNumber ? (
              <>
                <dt>N° de mandat</dt>
                <dd>{i.mandateNumber}</dd>
              </>
            ) : null}
          </dl>
          <section aria-labelledby="actions-titre" id="actions" tabindex={-1}>
            <h2 id="actions-titre">Actions</h2>
            {props.confirmReject ? (
              <ConfirmReject
                invoiceId={i.id}
                number={i.number}
                motive={props.confirmReject.motive}
                csrf={props.viewer.csrfToken}
              />
            ) : (
              <ActionForms
                invoiceId={i.id}
                actions={props.actions}
                csrf={props.viewer.csrfToken}
                now={props.now}
                failed={props.failed}
              />
            )}
            {props.canCopy ? (
              <form method="post" action={`/factures/${i.id}/modele`} class="inline-form">
                <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
                <button type="submit" class="secondary">
                  Copier comme modèle pour la facture suivante
                </button>
              </form>
            ) : null}
          </section>
          <PaymentClock invoice={i} now={props.now} />
          <section aria-labelledby="historique">
            <h2 id="historique">Historique</h2>
            <Timeline events={i.events} invoiceId={i.id} attachments={i.attachments} />
          </section>
        </div>
        <div>
          <InvoiceLines lines={props.lines} currency={i.currency} />
          <section aria-labelledby="document">
            <h2 id="document">Document</h2>
            <p>
              <a href={`/factures/${i.id}/pdf`} target="_blank" rel="noopener">
                Ouvrir le PDF (nouvelle fenêtre)
              </a>{' '}
              ·{' '}
              <a
                href={`/factures/${i.id}/original`}
              >{`Télécharger l’original (${i.syntax === 'FACTURX' ? 'Factur-X, PDF' : `${i.syntax}, XML`})`}</a>
            </p>
            <iframe
              class="pdf-frame"
              src={`/factures/${i.id}/pdf`}
              title={`Facture ${i.number} en PDF`}
              loading="lazy"
            />
          </section>
        </div>
      </div>
      {i.validationReport.violations.length > 0 ? (
        <section aria-labelledby="controle">
          <h2 id="controle">Contrôles au dépôt</h2>
          <ViolationsTable violations={i.validationReport.violations} caption="Avertissements relevés au dépôt" />
        </section>
      ) : null}
    </Page>
  );
}
