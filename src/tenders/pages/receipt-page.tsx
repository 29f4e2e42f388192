// A deposit's acknowledgement (COM-04): the five legal items, the files with their size and SHA-256, and the
// downloads that prove the deposit offline (PDF, the exact JSON bytes, the RFC 3161 token, the authority's chain).
import { Notice } from '../../web/components/notice.tsx';
import { formatCount, formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { Receipt } from '../domain/index.ts';

export function ReceiptPage(props: { viewer: Viewer; receipt: Receipt }) {
  const r = props.receipt;
  const base = `/depots/${r.depositId}`;
  return (
    <Page title="Accusé de réception du pli" viewer={props.viewer} path={base}>
      <h1>Accusé de réception du pli</h1>
      {r.horsDelai ? (
        <Notice tone="error" title="Pli reçu hors délai" id="resultat">
          <p data-focus-on-load>
            {`La transmission s’est terminée le ${formatDateTime(r.dateHeureReception)}, après la date limite du ${formatDateTime(r.dateLimite)} : le pli est conservé mais ne sera pas ouvert comme valable.`}
          </p>
        </Notice>
      ) : (
        <Notice tone="success" title="Pli reçu à temps" id="resultat">
          <p
            data-focus-on-load
          >{`Pli reçu le ${formatDateTime(r.dateHeureReception)} (heure de Paris), avant la date limite.`}</p>
        </Notice>
      )}
      <dl class="facts">
        <dt>Entreprise</dt>
        <dd>
          {r.operateurEconomique.nom}
          {r.operateurEconomique.siret ? ` (SIRET ${r.operateurEconomique.siret})` : ''}
        </dd>
        <dt>Acheteur</dt>
        <dd>
          {r.acheteur.nom}
          {r.acheteur.siret ? ` (SIRET ${r.acheteur.siret})` : ''}
        </dd>
        <dt>Consultation</dt>
        <dd>
          <a href={`/consultations/${r.consultation.id}`}>{r.consultation.titre}</a> ({r.consultation.reference}) —{' '}
          {r.consultation.objet}
        </dd>
        <dt>Lot</dt>
        <dd>
          {r.lot.numero} : {r.lot.intitule}
        </dd>
        <dt>Réception (fin de la transmission)</dt>
        <dd>
          <time datetime={r.dateHeureReception}>{formatDateTime(r.dateHeureReception)}</time>{' '}
          <span class="hint">({r.dateHeureReception} UTC)</span>
        </dd>
        <dt>Début de la transmission</dt>
        <dd>{formatDateTime(r.debutTransmission)}</dd>
      </dl>
      <div class="table-scroll">
        <table class="card-table">
          <caption>Documents reçus</caption>
          <thead>
            <tr>
              <th scope="col">Enveloppe</th>
              <th scope="col">Fichier</th>
              <th scope="col">Taille (octets)</th>
              <th scope="col">Empreinte SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {r.documents.map((d) => (
              <tr>
                <td data-label="Enveloppe">{d.enveloppe}</td>
                <td data-label="Fichier" data-cell="number">
                  {d.nom}
                </td>
                <td data-label="Taille">{formatCount(d.taille)}</td>
                <td data-label="SHA-256">
                  <code class="hash">{d.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Prouver le dépôt</h2>
      <ul>
        <li>
          <a href={`${base}/accuse.pdf`}>Accusé de réception (PDF)</a>
        </li>
        <li>
          <a href={`${base}/accuse.json`}>Accusé de réception (JSON, octets exacts couverts par le jeton)</a>
        </li>
        <li>
          <a href={`${base}/jeton.tsr`}>Jeton d’horodatage RFC 3161 (.tsr)</a>
        </li>
        <li>
          <a href="/api/tenders/tsa/chain.pem">Certificats de l’autorité d’horodatage (.pem)</a>
        </li>
      </ul>
      <p class="hint">
        Vérification hors ligne : <code>openssl ts -verify -data accuse.json -in jeton.tsr -CAfile chaine.pem</code>
      </p>
    </Page>
  );
}
