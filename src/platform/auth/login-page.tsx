import { BarePage } from '../../web/layout/document.tsx';
import { CSRF_FIELD } from './csrf.tsx';

export interface LoginPageProps {
  csrfToken: string;
  /** Shown above the form and announced to screen readers. */
  error?: string | undefined;
  email?: string | undefined;
  /** Where to go after logging in (a path on this site). */
  next?: string | undefined;
  /** Why the person is here: their session expired, or they just logged out. */
  reason?: 'expiree' | 'fermee' | undefined;
}

function reasonText(props: LoginPageProps): string | undefined {
  if (props.reason === 'fermee') return 'Vous êtes déconnecté.';
  if (props.reason !== 'expiree') return undefined;
  return props.next?.startsWith('/reprise/')
    ? 'Votre session a expiré. Ce que vous aviez saisi est conservé : reconnectez-vous pour l’envoyer.'
    : 'Votre session a expiré. Reconnectez-vous pour continuer.';
}

/** The login form: labelled fields, an error area linked to the fields, focus where the person must act. */
export function LoginPage(props: LoginPageProps) {
  const hasError = props.error !== undefined;
  const reason = hasError ? undefined : reasonText(props);
  return (
    <BarePage title={hasError ? 'Erreur – Connexion' : 'Connexion'}>
      <h1>Connexion</h1>
      {hasError ? (
        <div id="login-error" role="alert" tabindex={-1} class="notice notice-error">
          <p>{props.error}</p>
        </div>
      ) : (
        <div id="login-error" role="alert" hidden />
      )}
      {reason ? (
        <div id="login-reason" role="status" class="notice notice-info">
          <p>{reason}</p>
        </div>
      ) : null}
      <form method="post" action="/connexion" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <p class="field">
          <label for="email">Adresse électronique</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ''}
            autofocus={!hasError || !props.email}
            aria-invalid={hasError ? 'true' : undefined}
            aria-describedby={hasError ? 'login-error' : undefined}
          />
        </p>
        <p class="field">
          <label for="password">Mot de passe</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            autofocus={hasError && Boolean(props.email)}
            aria-invalid={hasError ? 'true' : undefined}
            aria-describedby={hasError ? 'login-error' : undefined}
          />
        </p>
        <p>
          <button type="submit">Se connecter</button>
        </p>
      </form>
      <ul class="login-links">
        <li>
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </li>
        <li>
          <a href="/inscription">Créer un compte fournisseur</a>
        </li>
        <li>
          <a href="/aide">Aide et contact</a>
        </li>
      </ul>
      <p class="hint">
        Un seul identifiant pour tous les services du hub : factures, et bientôt marchés publics et actes.
      </p>
    </BarePage>
  );
}
