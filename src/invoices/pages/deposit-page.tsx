// Depositing an invoice: one file (drag and drop or file picker), and the validation report at once.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { ViolationsTable } from './violations.tsx';
import { Page } from '../../web/layout/page.tsx';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import type { DepositResult } from './invoice-verbs.ts';

function Outcome(props: { result: DepositResult }) {
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
  const fatalFirst = [...(r.violations ?? [])].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'fatal' ? -1 : 1,
  );
  return (
    <section aria-labelledby="resultat">
      <Notice tone="error" title="Facture refusée" id="resultat">
        <p data-focus-on-load>{r.message}</p>
        <p>Corrigez la facture dans votre logiciel puis déposez-la de nouveau. Le fichier refusé est conservé.</p>
      </Notice>
      {fatalFirst.length > 0 ? <ViolationsTable violations={fatalFirst} caption="Rapport de validation" /> : null}
    </section>
  );
}

export function DepositPage(props: { viewer: Viewer; result?: DepositResult; error?: string; maxMegabytes: number }) {
  const suppliers = structuresAs(props.viewer, 'supplier');
  return (
    <Page
      title={
        props.result?.outcome === 'refused' || props.error ? 'Erreur – Déposer une facture' : 'Déposer une facture'
      }
      viewer={props.viewer}
      path="/factures/deposer"
    >
      <h1>Déposer une facture</h1>
      {props.error ? (
        <Notice tone="error" title="Dépôt impossible">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      {props.result ? <Outcome result={props.result} /> : null}
      <form method="post" action="/factures/deposer" enctype="multipart/form-data">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {suppliers.length > 1 ? (
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
        )}
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
