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
import { UNLOCK_PATH, unlockWithLink } from './unlock.ts';
import { UnlockPage, type UnlockPageProps } from './unlock-page.tsx';

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

async function renderUnlock(c: Context<AppEnv>, props: Omit<UnlockPageProps, 'csrfToken'>, status: PageStatus = 200) {
  c.header('Cache-Control', 'no-store');
  // The token is in this page's URL: it must not leak to another site through the Referer.
  c.header('Referrer-Policy', 'no-referrer');
  const body = await (<UnlockPage {...props} csrfToken={csrfToken(c)} />).toString();
  return c.html(`<!DOCTYPE html>${body}`, status);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Server-rendered login, logout and unlock for browsers: `/connexion`, `/deconnexion`, `/connexion/debloquer`. */
export const authPages = new Hono<AppEnv>()
  .get('/connexion', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('actor')?.kind === 'person') return c.redirect(next, 303);
    const reason = c.req.query('session');
    return renderLogin(c, {
      next: next === '/' ? undefined : next,
      reason: reason === 'expiree' || reason === 'fermee' ? reason : undefined,
    });
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
  .get(UNLOCK_PATH, async (c) => {
    const token = c.req.query('jeton') ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(token))
      return renderUnlock(
        c,
        { error: 'Ce lien de déblocage est incomplet : copiez-le en entier depuis l’e-mail.' },
        400,
      );
    return renderUnlock(c, { token });
  })
  .post(UNLOCK_PATH, async (c) => {
    const form = await c.req.parseBody();
    const token = text(form.jeton);
    try {
      verifyCsrf(c, form[CSRF_FIELD]);
      const { email } = await unlockWithLink(c.get('deps'), token);
      return renderUnlock(c, { unlocked: email });
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 403)) throw error;
      return renderUnlock(c, { error: error.message, token: error.status === 403 ? token : undefined }, error.status);
    }
  })
  .post('/deconnexion', async (c) => {
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const token = readSessionCookie(c);
    if (token !== undefined) await logout(c.get('deps'), token);
    clearSessionCookie(c);
    return c.redirect('/connexion?session=fermee', 303);
  });
