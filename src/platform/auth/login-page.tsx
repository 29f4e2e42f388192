import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from './csrf.tsx';

export interface LoginPageProps {
  csrfToken: string;
  /** Shown above the form and announced to screen readers. */
  error?: string | undefined;
  email?: string | undefined;
  /** Where to go after logging in (a path on this site). */
  next?: string | undefined;
}

function Document(props: { title: string; children: Child }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** The login form: labelled fields, an error area linked to the fields, focus where the person must act. */
export function LoginPage(props: LoginPageProps) {
  const hasError = props.error !== undefined;
  return (
    <Document title={hasError ? 'Erreur – Connexion – Hub' : 'Connexion – Hub'}>
      <main>
        <h1>Connexion</h1>
        {hasError ? (
          <div id="login-error" role="alert" tabindex={-1}>
            <p>{props.error}</p>
          </div>
        ) : (
          <div id="login-error" role="alert" hidden />
        )}
        <form method="post" action="/connexion" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <p>
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
          <p>
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
      </main>
    </Document>
  );
}
