// The operator's list of accounts (people or API clients) with the creation form, and the one-time display of a
// generated password or secret.
import { CSRF_FIELD, type AccountSummary } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { GrantFields, ROLE_LABELS, type GrantRow } from './grant-fields.tsx';

export type AccountKind = 'person' | 'client';

const TEXT = {
  person: {
    title: 'Personnes',
    path: '/comptes/personnes',
    login: 'Adresse électronique',
    loginField: 'email',
    name: 'Nom affiché',
    nameField: 'displayName',
    create: 'Créer la personne',
    legend: 'Nouvelle personne',
    secret: 'Mot de passe initial',
  },
  client: {
    title: 'Clients API',
    path: '/comptes/clients-api',
    login: 'Identifiant client (client_id)',
    loginField: 'clientId',
    name: 'Nom du client',
    nameField: 'name',
    create: 'Créer le client API',
    legend: 'Nouveau client API (OAuth2, identifiants client)',
    secret: 'Secret client (client_secret)',
  },
} as const;

export interface AccountsPageProps {
  viewer: Viewer;
  kind: AccountKind;
  accounts: AccountSummary[];
  structureNames: Map<string, string>;
  form: { login: string; name: string; grants: GrantRow[] };
  error?: { message: string; field?: string | undefined } | undefined;
  /** Just created: the generated password or secret, shown this once. */
  created?: { login: string; secret: string } | undefined;
}

export function AccountsPage(props: AccountsPageProps) {
  const t = TEXT[props.kind];
  const invalid = (field: string) =>
    props.error?.field === field ? { 'aria-invalid': 'true', 'aria-describedby': 'form-error' } : {};
  return (
    <Page title={`${props.error ? 'Erreur – ' : ''}${t.title}`} viewer={props.viewer} path={t.path}>
      <h1>{t.title}</h1>
      {props.created ? (
        <Notice tone="success" title={`${props.created.login} est créé.`}>
          <p data-focus-on-load>
            {`${t.secret} : `}
            <code class="secret">{props.created.secret}</code>
          </p>
          <p>
            Il n’est affiché qu’une fois : le hub n’en garde que l’empreinte. Transmettez-le par un autre canal que
            l’adresse électronique du compte.
          </p>
        </Notice>
      ) : null}
      {props.error ? (
        <Notice tone="error" title="Compte non créé">
          <p data-focus-on-load id="form-error">
            {props.error.message}
          </p>
        </Notice>
      ) : null}
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{t.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.login}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">Rôles</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr>
                <td>{a.login}</td>
                <td>{a.name}</td>
                <td>
                  {a.grants
                    .map((g) => `${ROLE_LABELS[g.role]} – ${props.structureNames.get(g.structureId) ?? g.structureId}`)
                    .join(' ; ')}
                </td>
                <td>{a.active ? 'actif' : 'inactif'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={t.path}>
        <fieldset>
          <legend>{t.legend}</legend>
          <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
          <div class="field">
            <label for="f-login">{t.login}</label>
            <input
              type="text"
              id="f-login"
              name={t.loginField}
              value={props.form.login}
              required
              maxlength={254}
              autocomplete="off"
              {...invalid(t.loginField)}
            />
          </div>
          <div class="field">
            <label for="f-name">{t.name}</label>
            <input
              type="text"
              id="f-name"
              name={t.nameField}
              value={props.form.name}
              required
              maxlength={200}
              {...invalid(t.nameField)}
            />
          </div>
          <GrantFields rows={props.form.grants} errorField={props.error?.field} />
          <button type="submit">{t.create}</button>
        </fieldset>
      </form>
    </Page>
  );
}
