// `/inscription`: a supplier creates its company's account (SIRET, company name, first user); the e-mail link opens
// `/inscription/confirmer`, whose button activates the account (a mail scanner fetching the link activates nothing).
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CSRF_FIELD, csrfToken, MIN_PASSWORD_LENGTH, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { Notice } from '../../web/components/notice.tsx';
import { sendPublicPage } from '../../web/public-page.tsx';
import {
  confirmSupplierRegistration,
  REGISTRATION_CONFIRM_PATH,
  REGISTRATION_PATH,
  requestSupplierRegistration,
  type RegistrationInput,
} from '../registration/register-supplier.ts';

export const REGISTRATION_SENT =
  'Un courriel de confirmation vient d’être envoyé à l’adresse indiquée. Suivez le lien qu’il contient (valable 24 heures) pour activer votre compte. Pensez à regarder dans les courriers indésirables.';

type Typed = Omit<RegistrationInput, 'password' | 'confirmation'>;
const EMPTY: Typed = { siret: '', companyName: '', displayName: '', email: '' };

interface Refusal {
  message: string;
  field: string;
}

function Field(props: {
  id: keyof RegistrationInput;
  label: string;
  hint?: string;
  type?: string;
  autocomplete: string;
  value?: string;
  error: Refusal | undefined;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const invalid = props.error?.field === props.id;
  const describedBy = [hintId, invalid ? 'registration-error' : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <p class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        required
        value={props.value}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </p>
  );
}

function RegistrationForm(props: { csrf: string; typed: Typed; error?: Refusal | undefined }) {
  const { typed, error } = props;
  return (
    <>
      <h1>Créer un compte fournisseur</h1>
      {error ? (
        <Notice tone="error" id="registration-error" title="L’inscription n’a pas pu être enregistrée">
          <p>
            <a href={`#${error.field}`}>{error.message}</a>
          </p>
        </Notice>
      ) : null}
      <p>
        Pour déposer vos factures aux collectivités bretonnes. Si votre entreprise a déjà un compte, demandez à son
        administrateur de vous inviter.
      </p>
      <form method="post" action={REGISTRATION_PATH} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <fieldset>
          <legend>Votre entreprise</legend>
          <Field
            id="siret"
            label="SIRET (obligatoire)"
            hint="14 chiffres, sur votre extrait Kbis ou votre avis de situation SIRENE."
            autocomplete="off"
            value={typed.siret}
            error={error}
          />
          <Field
            id="companyName"
            label="Raison sociale (obligatoire)"
            autocomplete="organization"
            value={typed.companyName}
            error={error}
          />
        </fieldset>
        <fieldset>
          <legend>Vous</legend>
          <Field
            id="displayName"
            label="Prénom et nom (obligatoire)"
            autocomplete="name"
            value={typed.displayName}
            error={error}
          />
          <Field
            id="email"
            label="Adresse électronique (obligatoire)"
            type="email"
            autocomplete="email"
            value={typed.email}
            error={error}
          />
          <Field
            id="password"
            label="Mot de passe (obligatoire)"
            hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères ; une phrase de quelques mots convient.`}
            type="password"
            autocomplete="new-password"
            error={error}
          />
          <Field
            id="confirmation"
            label="Mot de passe, de nouveau (obligatoire)"
            type="password"
            autocomplete="new-password"
            error={error}
          />
        </fieldset>
        <p>
          <button type="submit">Créer le compte</button>
        </p>
      </form>
      <p>
        <a href="/connexion">Vous avez déjà un compte ? Se connecter</a> ·{' '}
        <a href="/donnees-personnelles">Données personnelles</a>
      </p>
    </>
  );
}

const text = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string).slice(0, 400) : '';

function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 403)) return undefined;
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return { message: error.message, field: typeof field === 'string' ? field : 'siret' };
}

function send(c: Context<AppEnv>, title: string, body: unknown, status: ContentfulStatusCode = 200) {
  c.header('Referrer-Policy', 'no-referrer');
  return sendPublicPage(c, title, body as never, status);
}

export const registrationPages = new Hono<AppEnv>()
  .get(REGISTRATION_PATH, (c) =>
    send(c, 'Créer un compte fournisseur', <RegistrationForm csrf={csrfToken(c)} typed={EMPTY} />),
  )
  .post(REGISTRATION_PATH, async (c) => {
    const form = await c.req.parseBody();
    const typed: Typed = {
      siret: text(form, 'siret'),
      companyName: text(form, 'companyName'),
      displayName: text(form, 'displayName'),
      email: text(form, 'email'),
    };
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
      await requestSupplierRegistration(c.get('deps'), {
        ...typed,
        password: text(form, 'password'),
        confirmation: text(form, 'confirmation'),
      });
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) throw error;
      const page = <RegistrationForm csrf={csrfToken(c)} typed={typed} error={refused} />;
      return send(c, 'Erreur – Créer un compte fournisseur', page, 400);
    }
    return send(
      c,
      'Inscription enregistrée',
      <>
        <h1>Vérifiez votre adresse électronique</h1>
        <Notice tone="success" title="Inscription enregistrée">
          <p>{REGISTRATION_SENT}</p>
        </Notice>
      </>,
    );
  })
  .get(REGISTRATION_CONFIRM_PATH, (c) => {
    const token = c.req.query('jeton') ?? '';
    return send(
      c,
      'Activer mon compte',
      <>
        <h1>Activer mon compte</h1>
        <form method="post" action={REGISTRATION_CONFIRM_PATH}>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} />
          <input type="hidden" name="jeton" value={token} />
          <p>Votre adresse électronique est confirmée par ce lien : activez votre compte fournisseur.</p>
          <p>
            <button type="submit">Activer mon compte</button>
          </p>
        </form>
      </>,
    );
  })
  .post(REGISTRATION_CONFIRM_PATH, async (c) => {
    const form = await c.req.parseBody();
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
      const done = await confirmSupplierRegistration(c.get('deps'), text(form, 'jeton'));
      return send(
        c,
        'Compte activé',
        <>
          <h1>Compte activé</h1>
          <Notice tone="success" title={`Le compte de ${done.companyName} est actif.`}>
            <p>
              Connectez-vous avec l’adresse {done.email}. Vous êtes l’administrateur du compte de l’entreprise : vous
              pouvez inviter vos collègues depuis la page « Utilisateurs de l’entreprise ».
            </p>
          </Notice>
          <p>
            <a href="/connexion">Se connecter</a>
          </p>
        </>,
      );
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) throw error;
      return send(
        c,
        'Erreur – Activer mon compte',
        <>
          <h1>Activer mon compte</h1>
          <Notice tone="error">
            <p>{refused.message}</p>
          </Notice>
          <p>
            <a href={REGISTRATION_PATH}>Recommencer l’inscription</a> · <a href="/connexion">Se connecter</a>
          </p>
        </>,
        400,
      );
    }
  });
