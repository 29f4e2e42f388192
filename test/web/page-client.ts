// A logged-in visitor of the portal over `app.request`: cookies, the CSRF token of the last page, form posts.
import type { Hono } from 'hono';
import { CookieJar } from '../helpers/auth-test-support.ts';

export class PageClient {
  readonly jar = new CookieJar();
  csrf = '';

  constructor(private readonly app: Pick<Hono<any>, 'request'>) {}

  static async logIn(app: Pick<Hono<any>, 'request'>, email: string, password: string): Promise<PageClient> {
    const client = new PageClient(app);
    const res = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status}`);
    client.jar.store(res);
    return client;
  }

  /** GETs a page; remembers its CSRF token. */
  async get(path: string): Promise<{ status: number; html: string; res: Response }> {
    const res = await this.app.request(path, { headers: { cookie: this.jar.header() } });
    this.jar.store(res);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, html, res };
  }

  /** POSTs a form (with the CSRF token unless `csrf: false`). */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const res = await this.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.jar.header() },
      body: body.toString(),
    });
    this.jar.store(res);
    return res;
  }

  /** POSTs a multipart form (files included), with the CSRF token. */
  async postMultipart(path: string, form: FormData): Promise<Response> {
    if (!form.has('_csrf')) form.append('_csrf', this.csrf);
    const res = await this.app.request(path, { method: 'POST', headers: { cookie: this.jar.header() }, body: form });
    this.jar.store(res);
    return res;
  }
}
