// `/mon-entreprise/utilisateurs` (the company's users; its administrators invite and remove) and `/invitation`
// (the page an invitation link opens: choose a password, or join with an existing account).
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CSRF_FIELD, csrfToken, MIN_PASSWORD_LENGTH, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { Notice } from '../../web/components/notice.tsx';
import { requireViewerWith } from '../../web/guard.ts';
import { Page } from '../../web/layout/page.tsx';
import { sendPublicPage } from '../../web/public-page.tsx';
import { sendPage } from '../../web/render.ts';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import {
  acceptInvitation,
  INVITATION_PATH,
  inviteCompanyUser,
  isCompanyAdmin,
  listCompanyUsers,
  openInvitation,
  removeCompanyUser,
} from '../registration/company-users.ts';

export const COMPANY_USERS_PATH = '/mon-entreprise/utilisateurs';

const text = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string).slice(0, 400) : '';

async function render(
  c: Context<AppEnv>,
  viewer: Viewer,
  structureId: string | undefined,
  outcome: { done?: string; error?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const companies = structuresAs(viewer, 'supplier');
  const company = companies.find((s) => s.id === structureId) ?? companies[0]!;
  const deps = c.get('deps');
  const [users, admin] = await Promise.all([
    listCompanyUsers(deps, viewer.actor, company.id),
    isCompanyAdmin(deps, viewer.actor, company.id),
  ]);
  const title = `Utilisateurs de ${company.name}`;
  return sendPage(
    c,
    <Page title={outcome.error ? `Erreur – ${title}` : title} viewer={viewer} path={c.req.path}>
      <h1>{title}</h1>
      {outcome.done ? (
        <Notice tone="success">
          <p>{outcome.done}</p>
        </Notice>
      ) : null}
      {outcome.error ? (
        <Notice tone="error" id="users-error">
          <p>{outcome.error}</p>
        </Notice>
      ) : null}
      {admin ? null : (
        <p>Seuls les administrateurs du compte de l’entreprise peuvent inviter ou retirer des utilisateurs.</p>
      )}
      <table>
        <caption>Personnes qui déposent et suivent les factures de l’entreprise</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse électronique</th>
            <th scope="col">Rôle</th>
            {admin ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <th scope="row">{u.displayName}</th>
              <td>{u.email}</td>
              <td>{u.admin ? 'administrateur' : 'utilisateur'}</td>
              {admin ? (
                <td>
                  {u.personId === viewer.actor.personId ? (
                    'vous'
                  ) : (
                    <form method="post" action={`${COMPANY_USERS_PATH}/retirer`}>
                      <input type="hidden" name={CSRF_FIELD} value={viewer.csrfToken} />
                      <input type="hidden" name="structure" value={company.id} />
                      <input type="hidden" name="person" value={u.personId} />
                      <button type="submit" class="button-secondary">
                        Retirer l’accès de {u.displayName}
                      </button>
                    </form>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? (
        <form method="post" action={`${COMPANY_USERS_PATH}/inviter`} novalidate>
          <input type="hidden" name={CSRF_FIELD} value={viewer.csrfToken} />
          <input type="hidden" name="structure" value={company.id} />
          <fieldset>
            <legend>Inviter une personne</legend>
            <p class="field">
              <label for="displayName">Prénom et nom</label>
              <input id="displayName" name="displayName" autocomplete="off" required />
            </p>
            <p class="field">
              <label for="email">Adresse électronique</label>
              <input id="email" name="email" type="email" autocomplete="off" required />
            </p>
            <p class="field checkbox">
              <input id="asAdmin" name="asAdmin" type="checkbox" value="oui" />
              <label for="asAdmin">Administrateur (peut inviter et retirer des utilisateurs)</label>
            </p>
            <p>
              <button type="submit">Envoyer l’invitation</button>
            </p>
          </fieldset>
        </form>
      ) : null}
    </Page>,
    status,
  );
}

function refusal(error: unknown): string | undefined {
  return error instanceof AppError && error.status < 500 && error.status !== 401 ? error.message : undefined;
}

async function invitationPage(c: Context<AppEnv>, token: string, error?: string, status: ContentfulStatusCode = 200) {
  try {
    const { invitation, hasAccount } = await openInvitation(c.get('deps'), token);
    return sendPublicPage(
      c,
      'Accepter l’invitation',
      <>
        <h1>Accepter l’invitation</h1>
        {error ? (
          <Notice tone="error" id="invitation-error">
            <p>{error}</p>
          </Notice>
        ) : null}
        <form method="post" action={INVITATION_PATH} novalidate>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} />
          <input type="hidden" name="jeton" value={token} />
          <p>Invitation pour {invitation.email}.</p>
          {hasAccount ? (
            <p>Cette adresse a déjà un compte : l’accès à l’entreprise s’y ajoute.</p>
          ) : (
            <>
              <p class="field">
                <label for="password">Choisissez un mot de passe</label>
                <span class="hint" id="password-hint">
                  Au moins {MIN_PASSWORD_LENGTH} caractères.
                </span>
                <input
                  id="password"
                  name="password"
                  type="password"
                  autocomplete="new-password"
                  required
                  aria-describedby="password-hint"
                />
              </p>
              <p class="field">
                <label for="confirmation">Mot de passe, de nouveau</label>
                <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required />
              </p>
            </>
          )}
          <p>
            <button type="submit">Accepter l’invitation</button>
          </p>
        </form>
      </>,
      status,
    );
  } catch (failure) {
    const message = refusal(failure);
    if (!message) throw failure;
    const body = (
      <>
        <h1>Accepter l’invitation</h1>
        <Notice tone="error">
          <p>{message}</p>
        </Notice>
      </>
    );
    return sendPublicPage(c, 'Erreur – Accepter l’invitation', body, 400);
  }
}

export const companyUsersPages = new Hono<AppEnv>()
  .get(COMPANY_USERS_PATH, async (c) => render(c, await requireViewerWith(c, 'supplier'), c.req.query('structure')))
  .post(`${COMPANY_USERS_PATH}/inviter`, async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const structureId = text(form, 'structure');
    const company = structuresAs(viewer, 'supplier').find((s) => s.id === structureId);
    try {
      await inviteCompanyUser(c.get('deps'), viewer.actor, {
        structureId,
        companyName: company?.name ?? '',
        email: text(form, 'email'),
        displayName: text(form, 'displayName'),
        asAdmin: form.asAdmin === 'oui',
      });
      const done = `Une invitation a été envoyée à ${text(form, 'email').trim()} ; elle vaut 7 jours.`;
      return render(c, viewer, structureId, { done });
    } catch (error) {
      const message = refusal(error);
      if (!message) throw error;
      return render(c, viewer, structureId, { error: message }, 400);
    }
  })
  .post(`${COMPANY_USERS_PATH}/retirer`, async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const structureId = text(form, 'structure');
    try {
      await removeCompanyUser(c.get('deps'), viewer.actor, { structureId, personId: text(form, 'person') });
      return render(c, viewer, structureId, { done: 'L’accès a été retiré.' });
    } catch (error) {
      const message = refusal(error);
      if (!message) throw error;
      return render(c, viewer, structureId, { error: message }, 400);
    }
  })
  .get(INVITATION_PATH, (c) => invitationPage(c, c.req.query('jeton') ?? ''))
  .post(INVITATION_PATH, async (c) => {
    const form = await c.req.parseBody();
    const token = text(form, 'jeton');
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
      const { email } = await acceptInvitation(c.get('deps'), {
        token,
        password: text(form, 'password'),
        confirmation: text(form, 'confirmation'),
      });
      const body = (
        <>
          <h1>Invitation acceptée</h1>
          <Notice tone="success" title="Vous avez accès aux factures de l’entreprise.">
            <p>Connectez-vous avec l’adresse {email}.</p>
          </Notice>
          <p>
            <a href="/connexion">Se connecter</a>
          </p>
        </>
      );
      return sendPublicPage(c, 'Invitation acceptée', body);
    } catch (error) {
      const message = refusal(error);
      if (!message) throw error;
      return invitationPage(c, token, message, 400);
    }
  });
