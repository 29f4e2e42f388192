// Where a request that needs a login is sent: the login page, told why (session expired) and where to go next. A
// form posted with an expired session is kept first, so that the next stop after login is its replay page.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { keepExpiredPost, REPLAY_PATH, SESSION_COOKIE } from '../../platform/auth/index.ts';
import type { AppEnv } from '../../platform/http.ts';

/** Larger posts (files) are not read again to be kept: memory stays bounded. */
const MAX_KEPT_BODY_BYTES = 256 * 1024;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;

/** The path of the page the form was on, when the browser says it and it is on this site. */
function refererPath(c: Context<AppEnv>): string | undefined {
  const referer = c.req.header('referer');
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === new URL(c.req.url).host ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
}

/** The body, read up to the limit; undefined when longer (the rest is left unread). */
async function boundedBody(request: Request): Promise<Uint8Array | undefined> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (length > MAX_KEPT_BODY_BYTES || !request.body) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_KEPT_BODY_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The posted fields: those the handler already parsed, or the body read again within the limit. */
async function postedFields(
  c: Context<AppEnv>,
): Promise<Record<string, string | File | (string | File)[]> | undefined> {
  if (c.req.raw.bodyUsed) return c.req.parseBody({ all: true });
  const body = await boundedBody(c.req.raw);
  if (!body) return undefined;
  const form = await new Response(body, { headers: { 'content-type': c.req.header('content-type')! } }).formData();
  const fields: Record<string, string | File | (string | File)[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name);
    fields[name] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

async function keepPost(c: Context<AppEnv>, sessionToken: string): Promise<string | undefined> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const enctype = FORM_TYPES.find((t) => t === type);
  if (!enctype) return undefined;
  try {
    const url = new URL(c.req.url);
    const fields = await postedFields(c);
    if (!fields) return undefined;
    return await keepExpiredPost(c.get('deps'), {
      sessionToken,
      path: url.pathname + url.search,
      enctype,
      fields,
    });
  } catch (error) {
    c.get('deps').logger.warn({ err: error, requestId: c.get('requestId') }, 'expired form not kept');
    return undefined;
  }
}

export async function loginAgainPath(c: Context<AppEnv>, next: string): Promise<string> {
  const stale = c.get('actor') === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
  const posted = c.req.method === 'POST';
  let target = posted ? (refererPath(c) ?? '/') : next;
  if (stale && posted) {
    const token = await keepPost(c, stale);
    if (token !== undefined) target = `${REPLAY_PATH}/${token}`;
  }
  const query = new URLSearchParams();
  query.set('next', target);
  if (stale) query.set('session', 'expiree');
  const search = query.toString();
  return `/connexion${search ? `?${search}` : ''}`;
}
