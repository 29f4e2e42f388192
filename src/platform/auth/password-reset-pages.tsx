// `/mot-de-passe-oublie`: ask for a link (same answer whatever the address), then choose the new password on the
// page the link opens (a form: a mail scanner fetching the link changes nothing).
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Notice } from '../../web/components/notice.tsx';
import { BarePage } from '../../web/layout/document.tsx';
import { sendPage } from '../../web/render.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { CSRF_FIELD, csrfToken, verifyCsrf } from './csrf.tsx';
import { MIN_PASSWORD_LENGTH } from './new-password.ts';
import {
  PASSWORD_RESET_LINK_PATH,
  PASSWORD_RESET_PATH,
  requestPasswordReset,
  resetLinkUsable,
  resetPasswordWithLink,
} from './password-reset.ts';

export const RESET_REQUESTED =
  'Si un compte existe pour cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien vaut une heure et ne sert qu’une fois. Pensez à regarder dans les courriers indésirables.';

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 400) : '');

function send(c: Context<AppEnv>, title: string, body: unknown, status: ContentfulStatusCode = 200) {
  c.header('Referrer-Policy', 'no-referrer');
  return sendPage(c, <BarePage title={title}>{body as never}</BarePage>, status);
}

function RequestForm(props: { csrf: string; email?: string; error?: string | undefined }) {
  return (
    <>
      <h1>Mot de passe oublié</h1>
      {props.error ? (
        <Notice tone="error" id="reset-error">
          <p>{props.error}</p>
        </Notice>
      ) : null}
      <p>
        Indiquez l’adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe. Si
        votre compte est bloqué après des tentatives de connexion, ce lien le débloque aussi.
      </p>
      <form method="post" action={PASSWORD_RESET_PATH} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <p class="field">
          <label for="email">Adresse électronique</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ''}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'reset-error' : undefined}
          />
        </p>
        <p>
          <button type="submit">Recevoir le lien</button>
        </p>
      </form>
      <p>
        <a href="/connexion">Retour à la connexion</a> · <a href="/aide">Aide et contact</a>
      </p>
    </>
  );
}

function NewPasswordForm(props: { csrf: string; token: string; error?: { message: string; field: string } }) {
  const invalid = (field: string) =>
    props.error?.field === field ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'reset-error' } : {};
  return (
    <>
      <h1>Choisir un nouveau mot de passe</h1>
      {props.error ? (
        <Notice tone="error" id="reset-error">
          <p>{props.error.message}</p>
        </Notice>
      ) : null}
      <form method="post" action={PASSWORD_RESET_LINK_PATH} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <input type="hidden" name="jeton" value={props.token} />
        <p class="field">
          <label for="password">Nouveau mot de passe</label>
          <span class="hint" id="password-hint">
            Au moins {MIN_PASSWORD_LENGTH} caractères ; une phrase de quelques mots convient.
          </span>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            aria-describedby="password-hint"
            {...invalid('password')}
          />
        </p>
        <p class="field">
          <label for="confirmation">Nouveau mot de passe, de nouveau</label>
          <input
            id="confirmation"
            name="confirmation"
            type="password"
            autocomplete="new-password"
            required
            {...invalid('confirmation')}
          />
        </p>
        <p>
          <button type="submit">Enregistrer le mot de passe</button>
        </p>
      </form>
    </>
  );
}

function LinkInvalid(props: { message: string }) {
  return (
    <>
      <h1>Choisir un nouveau mot de passe</h1>
      <Notice tone="error">
        <p>{props.message}</p>
      </Notice>
      <p>
        <a href={PASSWORD_RESET_PATH}>Demander un nouveau lien</a>
      </p>
    </>
  );
}

const INVALID_LINK =
  'Ce lien n’est plus valable : il a déjà servi, il a expiré (il vaut une heure) ou un lien plus récent l’a remplacé. Demandez-en un nouveau.';

export const passwordResetPages = new Hono<AppEnv>()
  .get(PASSWORD_RESET_PATH, (c) => send(c, 'Mot de passe oublié', <RequestForm csrf={csrfToken(c)} />))
  .post(PASSWORD_RESET_PATH, async (c) => {
    const form = await c.req.parseBody();
    const email = text(form.email).trim();
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const page = <RequestForm csrf={csrfToken(c)} email={email} error={error.message} />;
      return send(c, 'Erreur – Mot de passe oublié', page, 403);
    }
    if (!email) {
      const page = <RequestForm csrf={csrfToken(c)} error="Saisissez l’adresse électronique de votre compte." />;
      return send(c, 'Erreur – Mot de passe oublié', page, 400);
    }
    await requestPasswordReset(c.get('deps'), email);
    return send(
      c,
      'Lien envoyé – Mot de passe oublié',
      <>
        <h1>Mot de passe oublié</h1>
        <Notice tone="success" title="Demande enregistrée">
          <p>{RESET_REQUESTED}</p>
        </Notice>
        <p>
          <a href="/connexion">Retour à la connexion</a>
        </p>
      </>,
    );
  })
  .get(PASSWORD_RESET_LINK_PATH, async (c) => {
    const token = c.req.query('jeton') ?? '';
    if (!(await resetLinkUsable(c.get('deps'), token)))
      return send(c, 'Erreur – Nouveau mot de passe', <LinkInvalid message={INVALID_LINK} />, 400);
    return send(c, 'Nouveau mot de passe', <NewPasswordForm csrf={csrfToken(c)} token={token} />);
  })
  .post(PASSWORD_RESET_LINK_PATH, async (c) => {
    const form = await c.req.parseBody();
    const token = text(form.jeton);
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
      const { email } = await resetPasswordWithLink(c.get('deps'), {
        token,
        password: typeof form.password === 'string' ? form.password : '',
        confirmation: typeof form.confirmation === 'string' ? form.confirmation : '',
      });
      return send(
        c,
        'Mot de passe changé',
        <>
          <h1>Mot de passe changé</h1>
          <Notice tone="success" title="Votre nouveau mot de passe est enregistré.">
            <p>
              Vos autres sessions ont été fermées et votre compte n’est plus bloqué. Connectez-vous avec l’adresse{' '}
              {email}.
            </p>
          </Notice>
          <p>
            <a href="/connexion">Se connecter</a>
          </p>
        </>,
      );
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 403)) throw error;
      if (error.code === 'RESET_LINK_INVALID')
        return send(c, 'Erreur – Nouveau mot de passe', <LinkInvalid message={error.message} />, 400);
      const field = (error.details as { field?: string } | undefined)?.field ?? 'password';
      const page = <NewPasswordForm csrf={csrfToken(c)} token={token} error={{ message: error.message, field }} />;
      return send(c, 'Erreur – Nouveau mot de passe', page, error.status);
    }
  });
