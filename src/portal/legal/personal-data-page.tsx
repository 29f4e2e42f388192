// What personal data the hub processes, why, for how long, the rights of the people concerned and whom to ask
// (GDPR articles 13 and 14).
import { PUBLISHER } from './publisher.ts';

interface Processing {
  what: string;
  why: string;
  basis: string;
  howLong: string;
}

const PROCESSINGS: Processing[] = [
  {
    what: 'Compte : nom, adresse électronique, mot de passe (conservé uniquement sous forme d’empreinte), rôles',
    why: 'vous identifier et vous donner accès aux services de votre structure',
    basis: 'mission d’intérêt public (article 6.1.e du RGPD)',
    howLong: 'tant que le compte est actif, puis 1 an après sa fermeture',
  },
  {
    what: 'Sessions de connexion : adresse IP, navigateur, dates d’utilisation',
    why: 'garder votre connexion ouverte et détecter les usages frauduleux',
    basis: 'mission d’intérêt public et sécurité du service',
    howLong: '12 heures sans activité (7 jours au plus), puis 30 jours pour la sécurité',
  },
  {
    what: 'Tentatives de connexion et liens envoyés par courriel (déblocage, mot de passe oublié, inscription, invitation)',
    why: 'protéger les comptes contre les essais de mots de passe et vérifier votre adresse',
    basis: 'sécurité du service',
    howLong: '1 heure à 7 jours selon le lien ; effacés dès qu’ils ne servent plus',
  },
  {
    what: 'Formulaires conservés après l’expiration d’une session',
    why: 'ne pas perdre ce que vous aviez saisi',
    basis: 'mission d’intérêt public',
    howLong: '24 heures, ou jusqu’à leur renvoi',
  },
  {
    what: 'Factures et pièces jointes, avec les noms et coordonnées qu’elles contiennent, et leur historique',
    why: 'transmettre les factures aux collectivités et en suivre le traitement (Code de la commande publique, articles L. 2192-1 et suivants)',
    basis: 'obligation légale (article 6.1.c du RGPD)',
    howLong: '10 ans à compter de la clôture de l’exercice (pièces justificatives comptables)',
  },
  {
    what: 'Journal des opérations : qui a fait quoi, quand',
    why: 'rendre compte de chaque modification et permettre les contrôles',
    basis: 'obligation légale et mission d’intérêt public',
    howLong: '10 ans, comme les pièces qu’il concerne',
  },
  {
    what: 'Notifications et courriels envoyés',
    why: 'vous informer de l’avancement de vos factures',
    basis: 'mission d’intérêt public',
    howLong: '1 an',
  },
];

export function PersonalDataPage() {
  return (
    <article class="legal">
      <h1>Données personnelles</h1>
      <p>
        Le responsable des traitements du hub est {PUBLISHER.name}, {PUBLISHER.address}. Pour les factures qu’elles
        reçoivent, les collectivités destinataires sont responsables de leur propre traitement comptable.
      </p>

      <h2>Ce qui est traité, pourquoi et combien de temps</h2>
      <table>
        <caption>Traitements de données personnelles</caption>
        <thead>
          <tr>
            <th scope="col">Données</th>
            <th scope="col">Finalité</th>
            <th scope="col">Base légale</th>
            <th scope="col">Durée de conservation</th>
          </tr>
        </thead>
        <tbody>
          {PROCESSINGS.map((p) => (
            <tr>
              <th scope="row">{p.what}</th>
              <td>{p.why}</td>
              <td>{p.basis}</td>
              <td>{p.howLong}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Destinataires</h2>
      <p>
        Les données ne sont communiquées qu’aux personnes qui en ont besoin : la collectivité destinataire d’une
        facture, ses comptables publics, le portail de l’État Chorus Pro lorsque la facture y est transmise, et les
        équipes techniques du syndicat. Elles ne sont ni vendues ni utilisées à des fins publicitaires, et restent
        hébergées en France.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder aux données qui vous concernent, les faire rectifier, demander leur effacement ou la
        limitation de leur traitement, et vous opposer à un traitement fondé sur la mission d’intérêt public. Les
        factures et le journal des opérations, conservés par obligation légale, ne peuvent pas être effacés avant la fin
        de leur durée de conservation.
      </p>

      <h2>Contact</h2>
      <p>
        Délégué à la protection des données : <a href={`mailto:${PUBLISHER.dpoEmail}`}>{PUBLISHER.dpoEmail}</a>, ou par
        courrier : {PUBLISHER.dpoPostal}. Une réponse vous est apportée dans un délai d’un mois.
      </p>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la CNIL (<a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr</a>, 3 place de Fontenoy, TSA
        80715, 75334 Paris CEDEX 07).
      </p>
    </article>
  );
}
