// The page a kept form comes back on after login: what was typed, with the new session's CSRF token, sent again
// with one button (the person sees what goes out before it does).
import { CSRF_FIELD, type KeptForm } from '../../platform/auth/index.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../layout/page.tsx';
import type { Viewer } from '../viewer.ts';

export const REPLAY_NOTICE = 'Votre session a expiré avant l’envoi de votre formulaire.';

export function ReplayPage(props: { viewer: Viewer; replay: KeptForm; path: string }) {
  const { replay } = props;
  const shown = replay.fields.filter(([, value]) => value.trim() !== '');
  return (
    <Page title="Reprise de votre saisie" viewer={props.viewer} path={props.path}>
      <h1>Reprise de votre saisie</h1>
      <Notice tone="info" title={REPLAY_NOTICE} id="reprise-message">
        <p>
          Ce que vous aviez saisi a été conservé et vous êtes de nouveau connecté. Vérifiez-le ci-dessous, puis
          envoyez-le : rien n’a encore été enregistré.
        </p>
        {replay.droppedFiles > 0 ? (
          <p>
            {replay.droppedFiles === 1
              ? 'Le fichier joint n’a pas pu être conservé : joignez-le de nouveau sur la page du formulaire.'
              : `Les ${replay.droppedFiles} fichiers joints n’ont pas pu être conservés : joignez-les de nouveau sur la page du formulaire.`}
          </p>
        ) : null}
      </Notice>
      <form
        method="post"
        action={replay.path}
        enctype={replay.enctype === 'multipart/form-data' ? 'multipart/form-data' : 'application/x-www-form-urlencoded'}
      >
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {replay.fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {shown.length > 0 ? (
          <table class="replay-fields">
            <caption>Ce qui sera envoyé</caption>
            <thead>
              <tr>
                <th scope="col">Champ</th>
                <th scope="col">Valeur saisie</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(([name, value]) => (
                <tr>
                  <th scope="row">{name}</th>
                  <td class="replay-value">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p>
          <button type="submit">Envoyer le formulaire</button>
        </p>
      </form>
    </Page>
  );
}
