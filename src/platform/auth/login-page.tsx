import { BarePage } from '../../web/layout/document.tsx';
import { CSRF_FIELD } from './csrf.tsx';

export interface LoginPageProps {
  csrfToken: string;
  /** Shown above the form and announced to screen readers. */
  error?: string | undefined;
  email?: string | undefined;
  /** Where to go after logging in (a path on this site). */
  next?: string | undefined;
}

/** The login form: labelled fields, an error area linked to the fields, focus where the person must act. */
export function LoginPage(props: LoginPageProps) {
  const hasError = props.error !== undefined;
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
      <p class="hint">
        Un seul identifiant pour tous les services du hub : factures, et bientôt marchés publics et actes.
      </p>
    </BarePage>
  );
}
