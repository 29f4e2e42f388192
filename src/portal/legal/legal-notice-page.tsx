// Mentions légales (law 2004-575 on confidence in the digital economy, article 6): publisher, director of
// publication, host, licence.
import { PUBLISHER } from './publisher.ts';

export function LegalNotice() {
  return (
    <article class="legal">
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        {PUBLISHER.name}, établissement public (SIREN {PUBLISHER.siren}), {PUBLISHER.address}.
      </p>
      <p>
        Courriel : <a href={`mailto:${PUBLISHER.supportEmail}`}>{PUBLISHER.supportEmail}</a> · téléphone :{' '}
        {PUBLISHER.supportPhone}.
      </p>
      <h2>Directeur de la publication</h2>
      <p>La publication est placée sous la responsabilité du {PUBLISHER.director.replace(/^le /, '')}.</p>
      <h2>Hébergement</h2>
      <p>Le hub est hébergé en France : {PUBLISHER.host}.</p>
      <h2>Logiciel libre</h2>
      <p>
        Le logiciel du hub est publié sous la licence publique de l’Union européenne (EUPL 1.2). Les données de
        l’annuaire proviennent de sources publiques (découpage administratif de l’INSEE, répertoire SIRENE) ; les
        informations propres à chaque collectivité sont tenues par elle.
      </p>
      <h2>Données personnelles et accessibilité</h2>
      <p>
        Voir la page <a href="/donnees-personnelles">données personnelles</a> et la{' '}
        <a href="/accessibilite">déclaration d’accessibilité</a>.
      </p>
      <h2>Cookies</h2>
      <p>
        Le hub n’utilise que deux cookies strictement nécessaires à son fonctionnement, exemptés de consentement : la
        session de connexion (<code>hub_session</code>) et la protection des formulaires (<code>hub_csrf</code>). Aucun
        cookie de mesure d’audience ni de publicité.
      </p>
    </article>
  );
}
