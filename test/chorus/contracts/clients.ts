// HTTP calls shaped as the real Chorus clients make them, over a real socket:
// - Odoo (OCA l10n_fr_chorus_account, res_company._chorus_post): POST `${base}/cpro/${path}`, JSON body,
//   `Content-type: application/json;charset=utf-8`, `cpro-account: base64(login:password)`, the bearer token of an
//   OAuth2 session; any HTTP status but 200 is an error whose message is the JSON `libelle`.
// - Pastell (connecteur/cpp/lib/CPPWrapper.class.php, call): POST `${base}/cpro/` + sprintf(path, 'v1'),
//   `Accept-Charset: utf-8`, `Authorization: <token_type> <access_token>`, `cpro-account`, `Content-Type:
//   application/json`, `{}` for an empty body; any HTTP status but 200 throws.
// Both get their token as Odoo's _get_new_token / Pastell's getToken do.

export interface TechnicalAccount {
  login: string;
  password: string;
}

export interface PisteToken {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export async function pisteToken(base: string, clientId = 'hub-demo', secret = 'hub-demo-secret'): Promise<PisteToken> {
  const answer = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: 'openid',
    }).toString(),
  });
  if (answer.status !== 200) throw new Error(`PISTE get token response - Erreur code HTTP: ${answer.status}`);
  const token = (await answer.json()) as PisteToken;
  // Pastell refuses a token without these.
  if (!token.token_type || !token.access_token || !(Number.isInteger(token.expires_in) && token.expires_in > 0))
    throw new Error('token PISTE incomplet');
  return token;
}

const cproAccount = (account: TechnicalAccount) =>
  Buffer.from(`${account.login}:${account.password}`, 'utf8').toString('base64');

export class ChorusHttpError extends Error {
  constructor(
    readonly status: number,
    readonly libelle: string,
  ) {
    super(`HTTP ${status}: ${libelle}`);
  }
}

export type Answer = Record<string, any>;

/** Odoo's `_chorus_post(api_params, url_path, payload)`. */
export function odooClient(base: string, token: PisteToken, account: TechnicalAccount) {
  return async (urlPath: string, payload: unknown): Promise<Answer> => {
    const r = await fetch(`${base}/cpro/${urlPath}`, {
      method: 'POST',
      headers: {
        'Content-type': 'application/json;charset=utf-8',
        'cpro-account': cproAccount(account),
        Authorization: `Bearer ${token.access_token}`,
      },
      body: JSON.stringify(payload),
    });
    if (r.status !== 200) {
      let label = '';
      if (r.headers.get('Content-Type')?.startsWith('application/json')) label = ((await r.json()) as Answer).libelle;
      throw new ChorusHttpError(r.status, label);
    }
    return (await r.json()) as Answer;
  };
}

/** Pastell's `CPPWrapper::call($fonction_cpp, $data)`: paths are written `factures/%s/...`. */
export function pastellClient(base: string, token: PisteToken, account: TechnicalAccount) {
  return async (fonction: string, data: Record<string, unknown>): Promise<Answer> => {
    const r = await fetch(`${base}/cpro/${fonction.replace('%s', 'v1')}`, {
      method: 'POST',
      headers: {
        'Accept-Charset': 'utf-8',
        Authorization: `${token.token_type} ${token.access_token}`,
        'cpro-account': cproAccount(account),
        'Content-Type': 'application/json',
      },
      body: Object.keys(data).length === 0 ? '{}' : JSON.stringify(data),
    });
    const text = await r.text();
    if (r.status !== 200) throw new ChorusHttpError(r.status, text);
    return JSON.parse(text) as Answer;
  };
}
