// Help and contact: where the login page and the error pages send a person who is stuck.
import { PUBLISHER } from './publisher.ts';

export function HelpPage() {
  return (
    <article class="legal">
      <h1>Aide et contact</h1>
      <h2>Questions fréquentes</h2>
      <ul>
        <li>
          Vous avez oublié votre mot de passe, ou votre compte est bloqué :{' '}
          <a href="/mot-de-passe-oublie">recevoir un lien pour en choisir un nouveau</a>.
        </li>
        <li>
          Votre entreprise n’a pas encore de compte : <a href="/inscription">créer un compte fournisseur</a> avec votre
          SIRET.
        </li>
        <li>
          Un collègue a déjà inscrit votre entreprise : demandez-lui de vous inviter depuis la page « Utilisateurs de
          l’entreprise ».
        </li>
        <li>
          Vous cherchez le SIRET ou le code service d’une collectivité :{' '}
          <a href="/annuaire-destinataires">annuaire des destinataires</a>.
        </li>
        <li>
          Vous déposez vos factures depuis un logiciel : <a href="/api/docs">API et intégration</a>.
        </li>
      </ul>
      <h2>Nous contacter</h2>
      <ul>
        <li>
          Courriel : <a href={`mailto:${PUBLISHER.supportEmail}`}>{PUBLISHER.supportEmail}</a>
        </li>
        <li>
          Téléphone : {PUBLISHER.supportPhone}, {PUBLISHER.supportHours}
        </li>
        <li>
          Courrier : {PUBLISHER.name}, {PUBLISHER.address}
        </li>
      </ul>
      <p>
        Si une page affiche une erreur, indiquez-nous l’identifiant de requête qu’elle donne : il nous permet de
        retrouver ce qui s’est passé.
      </p>
    </article>
  );
}
