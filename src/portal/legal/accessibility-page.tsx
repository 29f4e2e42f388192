// The accessibility statement the RGAA requires (article 47 of law 2005-102): status, known gaps, contact,
// recourse to the Défenseur des droits, and the multi-year plan.
import { ACCESSIBILITY_STATEMENT_DATE, PUBLISHER } from './publisher.ts';

export const ACCESSIBILITY_STATUS = 'non conforme';

export function AccessibilityStatement() {
  return (
    <article class="legal">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        {PUBLISHER.name} s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n°
        2005-102 du 11 février 2005. Cette déclaration s’applique au hub régional d’administration numérique (portail
        des factures, annuaire des destinataires, comptes et API).
      </p>

      <h2>État de conformité</h2>
      <p>
        Le hub est <strong>{ACCESSIBILITY_STATUS}</strong> avec le référentiel général d’amélioration de l’accessibilité
        (RGAA), version 4.1 : aucun audit de conformité n’a encore été réalisé. Ce statut restera « non conforme » tant
        qu’un audit complet n’aura pas établi un taux de conformité.
      </p>

      <h2>Contenus non accessibles</h2>
      <p>Les défauts connus, en attendant l’audit :</p>
      <ul>
        <li>
          les factures et pièces jointes en PDF déposées par les fournisseurs sont des documents de tiers : leur
          accessibilité dépend de leur auteur ; leurs données principales sont reprises en HTML sur la page de la
          facture ;
        </li>
        <li>sur téléphone, certaines listes de factures demandent encore un défilement horizontal ;</li>
        <li>la visionneuse de PDF intégrée au navigateur n’est pas maîtrisée par le hub.</li>
      </ul>

      <h2>Établissement de cette déclaration</h2>
      <p>
        Cette déclaration a été établie le {ACCESSIBILITY_STATEMENT_DATE}, sur la base de vérifications internes
        (parcours au clavier, lecteur d’écran, tests automatisés des pages), qui ne remplacent pas un audit.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une
        alternative accessible ou obtenir le contenu sous une autre forme :
      </p>
      <ul>
        <li>
          par courriel : <a href={`mailto:${PUBLISHER.accessibilityEmail}`}>{PUBLISHER.accessibilityEmail}</a> ;
        </li>
        <li>
          par téléphone : {PUBLISHER.supportPhone}, {PUBLISHER.supportHours} ;
        </li>
        <li>
          par courrier : {PUBLISHER.name}, {PUBLISHER.address}.
        </li>
      </ul>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité du
        hub, que vous nous le signalez et que vous ne parvenez pas à obtenir de réponse de notre part, vous êtes en
        droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits par son{' '}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits de votre région (
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des délégués</a>) ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse
          71120, 75342 Paris CEDEX 07.
        </li>
      </ul>

      <h2>Schéma pluriannuel de mise en accessibilité 2026-2028</h2>
      <p>
        Le schéma pluriannuel fixe, sur trois ans, la politique d’accessibilité du syndicat ; chaque année, un plan
        d’actions le décline.
      </p>
      <table>
        <caption>Plan d’actions</caption>
        <thead>
          <tr>
            <th scope="col">Année</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">2026</th>
            <td>
              désignation d’un référent accessibilité ; vérifications automatisées de chaque page à chaque version ;
              correction des défauts connus sur téléphone et au clavier ; publication de cette déclaration.
            </td>
          </tr>
          <tr>
            <th scope="row">2027</th>
            <td>
              audit de conformité RGAA complet par un organisme indépendant, sur un échantillon représentatif de pages ;
              mise à jour de cette déclaration avec le taux de conformité ; formation des équipes.
            </td>
          </tr>
          <tr>
            <th scope="row">2028</th>
            <td>
              correction des non-conformités de l’audit ; tests avec des utilisateurs en situation de handicap ;
              contre-audit et nouveau schéma pluriannuel.
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
