import { BarePage } from '../../web/layout/document.tsx';
import { CSRF_FIELD } from './csrf.tsx';
import { UNLOCK_PATH } from './unlock.ts';

export interface UnlockPageProps {
  csrfToken: string;
  /** The token of the link, posted back by the form. */
  token?: string | undefined;
  error?: string | undefined;
  /** The unlock succeeded for this e-mail. */
  unlocked?: string | undefined;
}

/**
 * The page an unlock link opens: one button that posts the token (a mail scanner fetching the link unlocks
 * nothing), then the outcome.
 */
export function UnlockPage(props: UnlockPageProps) {
  const title = props.unlocked
    ? 'Compte débloqué'
    : props.error
      ? 'Erreur – Débloquer mon compte'
      : 'Débloquer mon compte';
  return (
    <BarePage title={title}>
      <h1>{props.unlocked ? 'Compte débloqué' : 'Débloquer mon compte'}</h1>
      {props.error ? (
        <div id="unlock-error" role="alert" tabindex={-1} class="notice notice-error">
          <p>{props.error}</p>
        </div>
      ) : null}
      {props.unlocked ? (
        <div role="status" class="notice notice-success">
          <p>{`Les connexions avec l’adresse ${props.unlocked} ne sont plus suspendues.`}</p>
          <p>
            <a href="/connexion">Se connecter</a>
          </p>
        </div>
      ) : props.token ? (
        <form method="post" action={UNLOCK_PATH}>
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          <input type="hidden" name="jeton" value={props.token} />
          <p>
            Des tentatives de connexion infructueuses ont suspendu les connexions à votre compte. Ce bouton les
            rétablit, depuis toutes les adresses.
          </p>
          <p>
            <button type="submit">Débloquer mon compte</button>
          </p>
        </form>
      ) : (
        <p>
          <a href="/connexion">Retour à la connexion</a>
        </p>
      )}
    </BarePage>
  );
}
