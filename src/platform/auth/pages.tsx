import { Hono, type Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { clearPreSessionCookie, clearSessionCookie, readSessionCookie, setSessionCookie } from './cookies.ts';
import { CSRF_FIELD, csrfToken, verifyCsrf } from './csrf.tsx';
import { login } from './login.ts';
import { LoginPage, type LoginPageProps } from './login-page.tsx';
import { clientIp, userAgent } from './request-info.ts';
import { announceRetryAfter } from './retry-after.ts';
import { logout } from './sessions.ts';

/** Only paths on this site: `/factures`, never `//evil.example` or `https://…`. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return /^[\x21-\x7e]*$/.test(value) ? value : '/';
}

type PageStatus = 200 | 400 | 401 | 403 | 429;

async function renderLogin(c: Context<AppEnv>, props: Omit<LoginPageProps, 'csrfToken'>, status: PageStatus = 200) {
  c.header('Cache-Control', 'no-store');
  const body = await (<LoginPage {...props} csrfToken={csrfToken(c)} />).toString();
  return c.html(`<!DOCTYPE html>${body}`, status);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Server-rendered login and logout for browsers: `/connexion`, `/deconnexion`. */
export const authPages = new Hono<AppEnv>()
  .get('/connexion', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('actor')?.kind === 'person') return c.redirect(next, 303);
    return renderLogin(c, { next: next === '/' ? undefined : next });
  })
  .post('/connexion', async (c) => {
    const form = await c.req.parseBody();
    const email = text(form.email).trim();
    const next = safeNext(form.next);
    const keep = { email, next: next === '/' ? undefined : next };
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
    } catch (error) {
      if (error instanceof AppError) return renderLogin(c, { ...keep, error: error.message }, 403);
      throw error;
    }
    const password = text(form.password);
    if (!email || !password) {
      return renderLogin(c, { ...keep, error: 'Saisissez votre adresse électronique et votre mot de passe.' }, 400);
    }
    try {
      const result = await login(c.get('deps'), { email, password, ip: clientIp(c), userAgent: userAgent(c) });
      const previous = readSessionCookie(c);
      if (previous !== undefined) await logout(c.get('deps'), previous);
      setSessionCookie(c, result.sessionToken);
      clearPreSessionCookie(c);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 401 && error.status !== 429)) throw error;
      announceRetryAfter(c, error);
      return renderLogin(c, { ...keep, error: error.message }, error.status);
    }
  })
  .post('/deconnexion', async (c) => {
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const token = readSessionCookie(c);
    if (token !== undefined) await logout(c.get('deps'), token);
    clearSessionCookie(c);
    return c.redirect('/connexion', 303);
  });
