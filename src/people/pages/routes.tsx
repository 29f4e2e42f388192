// Operator pages of the accounts: people (`/comptes/personnes`) and API clients (`/comptes/clients-api`).
import { Hono, type Context } from 'hono';
import { bindTechnicalAccount, listTechnicalAccountBindings, unbindTechnicalAccount } from '../../chorus/index.ts';
import {
  CSRF_FIELD,
  listApiClients,
  listPeople,
  registerApiClient,
  registerPerson,
  structureNames,
  verifyCsrf,
} from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../../web/viewer.ts';
import { AccountsPage, type AccountKind, type AccountsPageProps } from './accounts-page.tsx';
import { GRANT_ROWS, grantRows, resolveGrants } from './grant-fields.tsx';

const EMPTY_FORM = {
  login: '',
  name: '',
  grants: Array.from({ length: GRANT_ROWS }, () => ({ role: '', structure: '' })),
};

async function render(
  c: Context<AppEnv>,
  viewer: Viewer,
  kind: AccountKind,
  extra: Partial<Pick<AccountsPageProps, 'form' | 'error' | 'created' | 'bindingForm' | 'bindingDone'>>,
  status: 200 | 400 = 200,
) {
  const deps = c.get('deps');
  const accounts = kind === 'person' ? await listPeople(deps, viewer.actor) : await listApiClients(deps, viewer.actor);
  const names = await structureNames(
    deps.db,
    accounts.flatMap((a) => a.grants.map((g) => g.structureId)),
  );
  return sendPage(
    c,
    <AccountsPage
      viewer={viewer}
      kind={kind}
      accounts={accounts}
      structureNames={new Map(names.map((n) => [n.id, n.name]))}
      form={extra.form ?? EMPTY_FORM}
      error={extra.error}
      created={extra.created}
      bindings={kind === 'client' ? await listTechnicalAccountBindings(deps, viewer.actor) : undefined}
      bindingForm={extra.bindingForm}
      bindingDone={extra.bindingDone}
    />,
    status,
  );
}

const text = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string).slice(0, 300) : '';

function refusal(error: unknown): { message: string; field?: string | undefined } | undefined {
  if (!(error instanceof AppError) || error.status !== 400) return undefined;
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return { message: error.message, field: typeof field === 'string' ? field : undefined };
}

async function create(c: Context<AppEnv>, kind: AccountKind) {
  const viewer = await requireViewerWith(c, 'operator');
  const form = await c.req.parseBody({ all: true });
  verifyCsrf(c, form[CSRF_FIELD]);
  const typed = {
    login: text(form, kind === 'person' ? 'email' : 'clientId'),
    name: text(form, kind === 'person' ? 'displayName' : 'name'),
    grants: grantRows(form),
  };
  try {
    const grants = await resolveGrants(c, typed.grants);
    const deps = c.get('deps');
    const created =
      kind === 'person'
        ? await registerPerson({
            ctx: { deps: deps, actor: viewer.actor },
            input: { email: typed.login, displayName: typed.name, grants },
          }).then((p) => ({ login: p.email, secret: p.initialPassword }))
        : await registerApiClient({
            ctx: { deps: deps, actor: viewer.actor },
            input: { clientId: typed.login, name: typed.name, grants },
          }).then((k) => ({ login: k.clientId, secret: k.clientSecret }));
    // Answered here, not redirected: the secret must not travel in a URL nor be shown twice.
    return render(c, viewer, kind, { created });
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    return render(c, viewer, kind, { form: typed, error: refused }, 400);
  }
}

async function bind(c: Context<AppEnv>) {
  const viewer = await requireViewerWith(c, 'operator');
  const form = await c.req.parseBody();
  verifyCsrf(c, form[CSRF_FIELD]);
  const input = { clientId: text(form, 'bindingClientId'), login: text(form, 'bindingLogin') };
  const withdraw = form.action === 'retirer';
  try {
    const deps = c.get('deps');
    await (withdraw ? unbindTechnicalAccount : bindTechnicalAccount)(deps, viewer.actor, input);
    const done = withdraw
      ? `Le client API ${input.clientId} ne peut plus utiliser le compte technique ${input.login}.`
      : `Le client API ${input.clientId} peut utiliser le compte technique ${input.login}.`;
    return render(c, viewer, 'client', { bindingDone: done });
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    return render(c, viewer, 'client', { bindingForm: input, error: refused }, 400);
  }
}

export const peoplePages = new Hono<AppEnv>()
  .get('/comptes/personnes', async (c) => render(c, await requireViewerWith(c, 'operator'), 'person', {}))
  .post('/comptes/personnes', (c) => create(c, 'person'))
  .get('/comptes/clients-api', async (c) => render(c, await requireViewerWith(c, 'operator'), 'client', {}))
  .post('/comptes/clients-api', (c) => create(c, 'client'))
  .post('/comptes/clients-api/raccordements', bind);
