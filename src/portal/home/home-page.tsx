// Home after login: the services the person has, each with its next steps; later services announced as coming.
import { Page } from '../../web/layout/page.tsx';
import { formatCount } from '../../web/format.ts';
import { hasRoleIn, type Viewer } from '../../web/viewer.ts';

export interface HomeFacts {
  /** Accountant: open invoices whose legal due date falls within the week (late ones included). */
  dueSoon?: number;
  unreadNotifications: number;
  /** Supplier: suspended invoices waiting for its documents or comment. */
  toComplete?: number | undefined;
  /** Supplier: invoices sent back for a wrong recipient. */
  toReroute?: number | undefined;
}

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n > 1 ? many : one}`;

/** What waits for the supplier, each with a link to the list of those invoices. */
function SupplierTodo(props: { facts: HomeFacts }) {
  const { toComplete = 0, toReroute = 0 } = props.facts;
  if (toComplete === 0 && toReroute === 0) return <p>Aucune facture n’attend d’action de votre part.</p>;
  return (
    <ul class="todo">
      {toComplete > 0 ? (
        <li>
          <a href="/factures?statut=SUSPENDUE" class="soon">
            {plural(toComplete, 'facture à compléter', 'factures à compléter')}
          </a>{' '}
          <span class="hint">la collectivité attend une pièce ou une précision</span>
        </li>
      ) : null}
      {toReroute > 0 ? (
        <li>
          <a href="/factures?statut=A_RECYCLER" class="soon">
            {plural(toReroute, 'facture à renvoyer au bon destinataire', 'factures à renvoyer au bon destinataire')}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

function InvoiceCard(props: { viewer: Viewer; facts: HomeFacts }) {
  const v = props.viewer;
  return (
    <li class="card">
      <h2>Factures</h2>
      {hasRoleIn(v, 'supplier') ? (
        <>
          <p>Déposez vos factures (UBL, CII ou Factur-X) et suivez leur traitement.</p>
          <SupplierTodo facts={props.facts} />
          <p>
            <a class="button" href="/factures/deposer">
              Déposer une facture
            </a>{' '}
            <a href="/factures">Mes factures</a>
          </p>
        </>
      ) : null}
      {hasRoleIn(v, 'accountant') || hasRoleIn(v, 'agent') ? (
        <>
          <p>Les factures adressées à votre collectivité, classées par date limite de paiement.</p>
          {props.facts.dueSoon !== undefined ? (
            <p class={props.facts.dueSoon > 0 ? 'soon' : undefined}>
              {props.facts.dueSoon === 0
                ? 'Aucune facture à payer dans les 7 jours.'
                : `${formatCount(props.facts.dueSoon)} facture(s) à payer dans les 7 jours ou en retard.`}
            </p>
          ) : null}
          <p>
            <a class="button" href="/a-traiter">
              Factures reçues
            </a>
          </p>
        </>
      ) : null}
      {hasRoleIn(v, 'operator') ? (
        <p>
          <a href="/annuaire">Annuaire des collectivités</a> · <a href="/annuaire/epci">EPCI membres</a> ·{' '}
          <a href="/chorus">Connexions Chorus Pro</a> · <a href="/operateur/journal">Journal des opérations</a>
        </p>
      ) : null}
    </li>
  );
}

function Soon(props: { title: string; text: string }) {
  return (
    <li class="card is-soon">
      <h2>
        {props.title} <span class="tag">bientôt</span>
      </h2>
      <p>{props.text}</p>
    </li>
  );
}

export function HomePage(props: { viewer: Viewer; facts: HomeFacts }) {
  return (
    <Page title="Accueil" viewer={props.viewer} path="/">
      <h1>Bonjour {props.viewer.name}</h1>
      <p>Vos services, avec un seul identifiant et un seul mot de passe.</p>
      {props.facts.unreadNotifications > 0 ? (
        <p>
          <a href="/notifications">{`${formatCount(props.facts.unreadNotifications)} notification(s) non lue(s)`}</a>
        </p>
      ) : null}
      <ul class="cards">
        <InvoiceCard viewer={props.viewer} facts={props.facts} />
        <Soon title="Marchés publics" text="Publier une consultation, répondre à un appel d’offres, déposer un pli." />
        <Soon title="Actes" text="Transmettre délibérations et arrêtés au contrôle de légalité de la préfecture." />
      </ul>
    </Page>
  );
}
