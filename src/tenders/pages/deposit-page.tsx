// A company deposits its bid for one lot: candidature and offer files, sent as one plain multipart form (works
// without script); when scripts run, /static/tender-upload.js sends each file by the resumable upload protocol
// (data-uploads-url), with a progress bar, resuming after a broken connection, then makes the deposit.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { ConsultationView } from '../consultations/read-consultation.ts';
import { Deadline } from './tender-parts.tsx';

export function DepositPage(props: {
  viewer: Viewer;
  view: ConsultationView;
  lot: ConsultationView['lots'][number];
  now: Date;
  error?: string | undefined;
}) {
  const { view, lot } = props;
  const action = `/consultations/${view.id}/lots/${lot.number}/depot`;
  return (
    <Page title={`${props.error ? 'Erreur – ' : ''}Déposer un pli`} viewer={props.viewer} path={action}>
      <h1>Déposer un pli</h1>
      <p>
        <a href={`/consultations/${view.id}`}>{view.title}</a> — lot {lot.number} : {lot.title}
      </p>
      <p>
        Date limite : <Deadline at={lot.deadline} now={props.now} />
      </p>
      {props.error ? (
        <Notice tone="error" title="Pli non déposé" id="erreur">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      <ul>
        <li>
          L’heure de réception est celle de la <strong>fin</strong> de l’envoi : un pli reçu après la date limite est
          conservé mais marqué hors délai.
        </li>
        <li>Vos fichiers sont chiffrés dès leur arrivée ; personne ne peut les lire avant l’ouverture des plis.</li>
        <li>Un nouveau dépôt avant la date limite remplace le précédent (tous restent conservés).</li>
        <li>Une connexion coupée pendant l’envoi reprend d’elle-même là où elle s’était arrêtée.</li>
        {view.signatureRequired ? <li>L’acheteur exige une offre signée électroniquement.</li> : null}
      </ul>
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        data-upload-progress
        data-uploads-url={`/api/tenders/consultations/${view.id}/lots/${lot.number}/uploads`}
      >
        {/* First in the form: the server reads it before the files stream in. */}
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        <div class="field dropzone" data-dropzone>
          <label for="candidature">
            Candidature <span class="hint">(DC1, DC2, attestations… ; plusieurs fichiers possibles, 1 Gio chacun)</span>
          </label>
          <input type="file" id="candidature" name="candidature" multiple />
          <p class="chosen" data-chosen aria-live="polite" />
        </div>
        <div class="field dropzone" data-dropzone>
          <label for="offre">
            Offre <span class="hint">(acte d’engagement, mémoire technique, prix… ; plusieurs fichiers possibles)</span>
          </label>
          <input type="file" id="offre" name="offre" multiple />
          <p class="chosen" data-chosen aria-live="polite" />
        </div>
        <div class="upload-progress" data-progress hidden>
          <label for="progression">Envoi du pli</label>
          <progress id="progression" max={100} value={0} />
          <p data-progress-text aria-live="polite" />
        </div>
        <button type="submit">Déposer le pli</button>
      </form>
      <script src="/static/tender-upload.js" defer />
    </Page>
  );
}
