// The operator's list of accounts (people or API clients) with the creation form, and the one-time display of a
// generated password or secret.
import type { TechnicalAccountBinding } from '../../chorus/index.ts';
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
  /** API clients only: the technical accounts of the Chorus mirror each client may use. */
  bindings?: TechnicalAccountBinding[] | undefined;
  bindingForm?: { clientId: string; login: string } | undefined;
  /** A binding just made or withdrawn. */
  bindingDone?: string | undefined;
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
      {props.bindingDone ? (
        <Notice tone="success" title="Raccordement enregistré">
          <p data-focus-on-load>{props.bindingDone}</p>
        </Notice>
      ) : null}
      {props.error ? (
        <Notice tone="error" title={props.bindingForm ? 'Raccordement non enregistré' : 'Compte non créé'}>
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
              {props.bindings ? <th scope="col">Comptes techniques Chorus raccordés</th> : null}
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
                {props.bindings ? (
                  <td>
                    {props.bindings
                      .filter((b) => b.clientId === a.login)
                      .map((b) => b.login)
                      .join(' ; ') || 'aucun'}
                  </td>
                ) : null}
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
      {props.bindings ? <BindingForm {...props} invalid={invalid} /> : null}
    </Page>
  );
}

/**
 * Raccordement: which API client may use which technical account of the Chorus mirror, as PISTE binds an
 * application to the structures that connected it.
 */
function BindingForm(props: AccountsPageProps & { invalid: (field: string) => Record<string, string | undefined> }) {
  return (
    <form method="post" action="/comptes/clients-api/raccordements">
      <fieldset>
        <legend>Raccorder un client API à un compte technique Chorus</legend>
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        <p class="hint">
          Un client API n’utilise un compte technique (en-tête cpro-account) que s’il y est raccordé, comme une
          application PISTE raccordée à une structure dans Chorus Pro.
        </p>
        <div class="field">
          <label for="f-binding-client">Identifiant client (client_id)</label>
          <input
            type="text"
            id="f-binding-client"
            name="bindingClientId"
            value={props.bindingForm?.clientId ?? ''}
            required
            maxlength={64}
            autocomplete="off"
            {...props.invalid('bindingClientId')}
          />
        </div>
        <div class="field">
          <label for="f-binding-login">Compte technique (login)</label>
          <input
            type="text"
            id="f-binding-login"
            name="bindingLogin"
            value={props.bindingForm?.login ?? ''}
            required
            maxlength={254}
            autocomplete="off"
            {...props.invalid('bindingLogin')}
          />
        </div>
        <button type="submit" name="action" value="raccorder">
          Raccorder
        </button>{' '}
        <button type="submit" name="action" value="retirer">
          Retirer le raccordement
        </button>
      </fieldset>
    </form>
  );
}
